// What may be attached to an act as an annex (8.1: protocols, photos, visual materials): a few document and image
// types, each checked by its content as well as its name (a renamed program is refused), within size limits.
import { strFromU8, unzipSync } from 'fflate';
import type { Localized } from '../domain/i18n';

/** 10 MB per file: a scanned protocol or a phone photo fits; a video does not (it belongs on a link). */
export const MAX_ANNEX_BYTES = 10 * 1024 * 1024;
/** Files per act: enough for protocols and photos of a site visit, small enough to mail a list of them. */
export const MAX_ANNEXES_PER_ACT = 30;

/** The most a docx, xlsx or odt may hold uncompressed, all entries together: a larger claim is refused unread (a zip bomb). */
export const MAX_ARCHIVE_UNCOMPRESSED_BYTES = 100 * 1024 * 1024;
const MAX_ARCHIVE_ENTRIES = 10_000;

export type AnnexType = 'pdf' | 'jpeg' | 'png' | 'docx' | 'xlsx' | 'odt';

const TYPES: Record<AnnexType, { extensions: string[]; mediaType: string; matches: (bytes: Uint8Array) => boolean }> = {
  pdf: { extensions: ['pdf'], mediaType: 'application/pdf', matches: (b) => startsWith(b, '%PDF-') },
  jpeg: {
    extensions: ['jpg', 'jpeg'],
    mediaType: 'image/jpeg',
    matches: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  },
  png: { extensions: ['png'], mediaType: 'image/png', matches: (b) => startsWith(b, '\x89PNG\r\n\x1a\n') },
  // Office Open XML (ECMA-376 part 2): a zip whose [Content_Types].xml declares the main part of the document's type.
  docx: {
    extensions: ['docx'],
    mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    matches: (b) =>
      isZip(b) &&
      officeArchiveDeclares(b, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml'),
  },
  xlsx: {
    extensions: ['xlsx'],
    mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    matches: (b) =>
      isZip(b) &&
      officeArchiveDeclares(b, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml'),
  },
  // An OpenDocument file is a zip whose first entry, "mimetype", stored uncompressed, names its type (ODF 1.2, part 3, 3.3).
  odt: {
    extensions: ['odt'],
    mediaType: 'application/vnd.oasis.opendocument.text',
    matches: (b) =>
      isZip(b) &&
      startsWith(b.subarray(30), 'mimetype') &&
      openDocumentIs(b, 'application/vnd.oasis.opendocument.text'),
  },
};

/**
 * The entries of a zip named in `wanted`, decompressed, read with fflate; null when the bytes are not a readable zip,
 * hold too many entries, or claim more than MAX_ARCHIVE_UNCOMPRESSED_BYTES uncompressed in total.
 */
function readArchive(
  bytes: Uint8Array,
  wanted: readonly string[],
): { names: string[]; entries: Record<string, Uint8Array> } | null {
  const names: string[] = [];
  let total = 0;
  try {
    const entries = unzipSync(bytes, {
      filter: (file) => {
        names.push(file.name);
        total += file.originalSize;
        if (total > MAX_ARCHIVE_UNCOMPRESSED_BYTES || names.length > MAX_ARCHIVE_ENTRIES)
          throw new Error('archive too large');
        return wanted.includes(file.name);
      },
    });
    return { names, entries };
  } catch {
    return null;
  }
}

function officeArchiveDeclares(bytes: Uint8Array, mainContentType: string): boolean {
  const archive = readArchive(bytes, ['[Content_Types].xml']);
  const types = archive?.entries['[Content_Types].xml'];
  if (!archive || !types) return false;
  const xml = strFromU8(types);
  // The main part is an Override naming its part and this content type.
  const override = new RegExp(`<Override\\b[^>]*ContentType="${mainContentType.replace(/[.+]/g, '\\$&')}"[^>]*>`).exec(
    xml,
  )?.[0];
  const part = override && /PartName="\/([^"]+)"/.exec(override)?.[1];
  return part !== undefined && part !== null && archive.names.includes(part);
}

function openDocumentIs(bytes: Uint8Array, mimetype: string): boolean {
  const archive = readArchive(bytes, ['mimetype']);
  const entry = archive?.entries.mimetype;
  return archive !== null && archive.names[0] === 'mimetype' && entry !== undefined && strFromU8(entry) === mimetype;
}

export const ALLOWED_ANNEX_EXTENSIONS: readonly string[] = Object.values(TYPES).flatMap((t) => t.extensions);

function startsWith(bytes: Uint8Array, ascii: string): boolean {
  if (bytes.length < ascii.length) return false;
  for (let i = 0; i < ascii.length; i++) if (bytes[i] !== ascii.charCodeAt(i)) return false;
  return true;
}

function isZip(bytes: Uint8Array): boolean {
  return startsWith(bytes, 'PK\x03\x04');
}

// Control characters (C0, DEL, C1) and format characters (bidirectional embeddings, overrides and isolates, marks,
// zero-width characters): a right-to-left override makes "photo\u202Egpj.exe" read as "photoexe.jpg".
const HIDDEN_CHARACTERS = /[\p{Cc}\p{Cf}\u2028\u2029]/gu;
const MAX_FILE_NAME = 200;

/** An uploaded file's name as it is stored and shown: its last path segment, NFC, without control or bidirectional characters, at most 200 characters (its extension kept). */
export function annexFileName(raw: string): string {
  const base = (raw.split(/[\\/]/).pop() ?? '').normalize('NFC').replace(HIDDEN_CHARACTERS, '').trim();
  const chars = [...base];
  if (chars.length <= MAX_FILE_NAME) return base;
  const extension = /\.[A-Za-z0-9]{1,8}$/.exec(base)?.[0] ?? '';
  return chars.slice(0, MAX_FILE_NAME - extension.length).join('') + extension;
}

export type AnnexRefusalCode =
  'annex-empty' | 'annex-too-large' | 'annex-type-not-allowed' | 'annex-content-mismatch' | 'annex-too-many';

export class AnnexRefusal extends Error {
  constructor(
    readonly code: AnnexRefusalCode,
    readonly messages: Localized,
  ) {
    super(messages.en);
    this.name = 'AnnexRefusal';
  }
}

const mb = (bytes: number) => (bytes / (1024 * 1024)).toFixed(1);
const allowed = () => ALLOWED_ANNEX_EXTENSIONS.join(', ');

export interface AcceptedAnnex {
  type: AnnexType;
  mediaType: string;
  sizeBytes: number;
}

/** 8.1 annexes: a non-empty file of at most 10 MB, of an allowed type by both its name and its content. */
export function checkAnnexFile(fileName: string, bytes: Uint8Array): AcceptedAnnex {
  if (bytes.length === 0) {
    throw new AnnexRefusal('annex-empty', {
      ky: `${fileName}: файл бош.`,
      ru: `${fileName}: файл пустой.`,
      en: `${fileName}: the file is empty.`,
    });
  }
  if (bytes.length > MAX_ANNEX_BYTES) {
    throw new AnnexRefusal('annex-too-large', {
      ky: `${fileName}: ${mb(bytes.length)} МБ, тиркеменин чеги ${mb(MAX_ANNEX_BYTES)} МБ.`,
      ru: `${fileName}: ${mb(bytes.length)} МБ, предел для приложения ${mb(MAX_ANNEX_BYTES)} МБ.`,
      en: `${fileName}: ${mb(bytes.length)} MB, the limit for an annex is ${mb(MAX_ANNEX_BYTES)} MB.`,
    });
  }
  const extension = /\.([A-Za-z0-9]+)$/.exec(fileName)?.[1]?.toLowerCase() ?? '';
  const entry = (Object.entries(TYPES) as [AnnexType, (typeof TYPES)[AnnexType]][]).find(([, t]) =>
    t.extensions.includes(extension),
  );
  if (!entry) {
    throw new AnnexRefusal('annex-type-not-allowed', {
      ky: `${fileName}: мындай файлды тиркөөгө болбойт; уруксат берилген түрлөр: ${allowed()}.`,
      ru: `${fileName}: такой тип файла приложить нельзя; допустимые типы: ${allowed()}.`,
      en: `${fileName}: this type of file cannot be attached; allowed types: ${allowed()}.`,
    });
  }
  const [type, spec] = entry;
  if (!spec.matches(bytes)) {
    throw new AnnexRefusal('annex-content-mismatch', {
      ky: `${fileName}: файлдын ичиндегиси .${extension} файлына окшобойт; файлды кайра сактап тиркеңиз.`,
      ru: `${fileName}: содержимое не похоже на файл .${extension}; пересохраните файл и приложите снова.`,
      en: `${fileName}: the content is not a .${extension} file; save it again and attach it.`,
    });
  }
  return { type, mediaType: spec.mediaType, sizeBytes: bytes.length };
}

/** The refusal when an act already holds the maximum number of annexes. */
export function tooManyAnnexes(count: number): AnnexRefusal {
  return new AnnexRefusal('annex-too-many', {
    ky: `Актыда ${count} тиркеме бар; чеги ${MAX_ANNEXES_PER_ACT}.`,
    ru: `У акта уже ${count} приложений; предел ${MAX_ANNEXES_PER_ACT}.`,
    en: `The act already has ${count} annexes; the limit is ${MAX_ANNEXES_PER_ACT}.`,
  });
}
