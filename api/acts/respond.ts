// GET/POST /api/acts/:actId/respond?t=TOKEN: the monitored object's JSON door (4.3), the same as its page
// (api/acts/respond-page.ts): the signed link is the credential (access 'object-link', no account, no CSRF token:
// a cross-site page cannot know the link). GET records nothing; the receipt is POST .../respond/receipt (idempotent).
// A refused link is 403 (410 when expired or revoked by a fresh link) with the link's own message in the request's
// language and nothing of the act. Rate-limited per address and act.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../app-error';
import type { App, AppDeps } from '../app-types';
import { requestLang } from '../request-lang';
import { domain, field, isJsonRequest, readMultipart, todayOf } from './common';
import {
  LINK_RATE_LIMIT,
  linkRateKey,
  checkLinkParty,
  LinkRefusal,
  openLink,
  owedBy,
  respondAsObject,
  viewAsObject,
  type ObjectView,
} from './link';
import { respondGetSchema, respondPostSchema, respondReceiptSchema } from './schema';
import { recordReceipt } from '../../procedures/acts/record-receipt';
import { procedureDeps } from '../procedure-deps';
import { msg } from '../ui/messages';
import { actDetail } from './view';

/** Headers of every link answer: the token is in the URL, so no caching and no Referer to other sites. */
export function linkHeaders(reply: FastifyReply): void {
  void reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer');
}

function refuse(request: FastifyRequest, reply: FastifyReply, error: LinkRefusal): FastifyReply {
  return reply
    .status(error.status)
    .type('application/json; charset=utf-8')
    .send({ error: { code: `link-${error.code}`, message: error.words(requestLang(request)) } });
}

function view(request: FastifyRequest, v: ObjectView) {
  const { act, object } = v.linked;
  const detail = actDetail(act);
  const owed = new Set(owedBy(object, v.progress.obligations).map((o) => o.key));
  return {
    act: {
      id: act.id,
      number: act.number,
      title: act.title,
      issuedOn: act.issuedOn,
      content: detail.content,
      annexes: detail.annexes,
    },
    receipt: v.receipt ? { receivedOn: v.receipt.receivedOn, via: v.receipt.via } : null,
    // Not yet received: how to confirm it (opening the link records nothing, 4.3).
    receiptNote: v.awaitingReceipt ? msg(requestLang(request), 'links.receiveIntro') : null,
    obligations: owedBy(object, v.progress.obligations),
    responses: v.progress.responses
      .filter((r) => owed.has(r.obligationKey))
      .map((r) => ({
        responseId: r.responseId,
        obligationKey: r.obligationKey,
        respondedOn: r.respondedOn,
        late: r.late,
        supersedes: r.supersedes,
        files: r.files.map((f) => ({ fileName: f.fileName, sizeBytes: f.sizeBytes })),
      })),
  };
}

export function respondRoutes(app: App, deps: AppDeps): void {
  const limit = (max: number) => ({ max, timeWindow: LINK_RATE_LIMIT.windowMs, keyGenerator: linkRateKey });

  // 4.3: the receipt by a deliberate POST through the party's own link; another party's is refused, nothing written.
  app.post(
    '/api/acts/:actId/respond/receipt',
    { schema: respondReceiptSchema, config: { access: ['object-link'], rateLimit: limit(LINK_RATE_LIMIT.writes) } },
    async (request, reply) => {
      linkHeaders(reply);
      try {
        const linked = await openLink(deps, request.params.actId, request.query.t);
        checkLinkParty(linked, (request.body as { party?: string } | undefined)?.party);
        // A second POST returns the first receipt: the workflow records one (no second event, no second mail).
        const receipt = await domain(() =>
          recordReceipt(procedureDeps(deps, request.log), {
            actId: linked.act.id,
            receivedOn: todayOf(deps),
            via: 'link',
            party: linked.party,
          }),
        );
        return {
          party: linked.party,
          receivedOn: receipt.receivedOn,
          via: receipt.via,
          recordedAt: receipt.recordedAt,
        };
      } catch (error) {
        if (error instanceof LinkRefusal) return refuse(request, reply, error);
        throw error;
      }
    },
  );

  app.get(
    '/api/acts/:actId/respond',
    { schema: respondGetSchema, config: { access: ['object-link'], rateLimit: limit(LINK_RATE_LIMIT.reads) } },
    async (request, reply) => {
      linkHeaders(reply);
      try {
        const linked = await openLink(deps, request.params.actId, request.query.t);
        return view(request, await viewAsObject(deps, request.log, linked));
      } catch (error) {
        if (error instanceof LinkRefusal) return refuse(request, reply, error);
        throw error;
      }
    },
  );

  app.post(
    '/api/acts/:actId/respond',
    { schema: respondPostSchema, config: { access: ['object-link'], rateLimit: limit(LINK_RATE_LIMIT.writes) } },
    async (request, reply) => {
      linkHeaders(reply);
      try {
        const linked = await openLink(deps, request.params.actId, request.query.t);
        let text: string;
        let submissionKey: string;
        let file = null;
        if (request.isMultipart()) {
          const parts = await readMultipart(request, ['text', 'submissionKey']);
          text = parts.fields.text ?? '';
          submissionKey = field(parts.fields, 'submissionKey');
          file = parts.file;
        } else {
          if (!isJsonRequest(request))
            throw new AppError('invalid-input', 'JSON or multipart/form-data expected', {
              field: '(body)',
              rule: 'type',
            });
          ({ text, submissionKey } = request.body as { text: string; submissionKey: string });
        }
        if (text.trim() === '') throw new AppError('invalid-input', 'empty text', { field: 'text', rule: 'required' });
        if (text.length > 50000) throw new AppError('invalid-input', 'text too long', { field: 'text', rule: 'range' });
        if (!/^[\w.:-]{1,200}$/.test(submissionKey))
          throw new AppError('invalid-input', 'bad submission key', { field: 'submissionKey', rule: 'range' });
        const { response, file: stored } = await respondAsObject(deps, request.log, linked, {
          text,
          submissionKey,
          file,
        });
        return {
          responseId: response.responseId,
          obligationKey: response.obligationKey,
          respondedOn: response.respondedOn,
          late: response.late,
          supersedes: response.supersedes,
          file: stored ? { fileName: stored.fileName, mediaType: stored.mediaType, sizeBytes: stored.sizeBytes } : null,
        };
      } catch (error) {
        if (error instanceof LinkRefusal) return refuse(request, reply, error);
        throw error;
      }
    },
  );
}
