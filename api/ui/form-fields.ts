// The markup the manage pages' forms share: a POST form with its CSRF field and submit button, a labelled input,
// textarea or select, an option, and a fieldset of checkboxes (the members present, the members taking part). Each
// label names its control by id (WCAG 1.3.1, 4.1.2); the site's stylesheet lays a form's labels and controls out in a
// grid, so the line breaks between them do not show. Words stay with the pages that use them.
import { html, type Html, type HtmlValue } from './html';
import { csrfField, type PageRequest } from './layout';

/** `<form method="post">` with the CSRF field, the fields and the submit button; `multipart` for a file upload. */
export function postForm(
  page: PageRequest,
  action: string,
  fields: HtmlValue,
  submit: string,
  options: { multipart?: boolean } = {},
): Html {
  const enctype = options.multipart ? html` enctype="multipart/form-data"` : '';
  return html`<form method="post" action="${action}"${enctype}>
${csrfField(page)}
${fields}
<button type="submit">${submit}</button>
</form>`;
}

export interface ControlOptions {
  /** The control's id, which its label names; by default its name. */
  id?: string;
  required?: boolean;
  /** The typed or stored value; none: no value attribute (an input) or empty (a textarea). */
  value?: string;
  /** Further attributes, written after the type (an input) or the rows (a textarea): maxlength, min, max, aria-*. */
  attrs?: Html;
}

const required = (o: ControlOptions) => (o.required ? html` required` : '');

/** `<label>` and its `<input>` (type text unless given). */
export function labelledInput(label: string, name: string, type = 'text', o: ControlOptions = {}): Html {
  const id = o.id ?? name;
  const value = o.value === undefined ? '' : html` value="${o.value}"`;
  return html`<label for="${id}">${label}</label>
<input id="${id}" name="${name}" type="${type}"${o.attrs ?? ''}${required(o)}${value}>`;
}

/** `<label>` and its `<textarea>` of `rows` rows. */
export function labelledTextarea(label: string, name: string, rows: number, o: ControlOptions = {}): Html {
  const id = o.id ?? name;
  return html`<label for="${id}">${label}</label>
<textarea id="${id}" name="${name}" rows="${rows}"${o.attrs ?? ''}${required(o)}>${o.value ?? ''}</textarea>`;
}

/** `<label>` and its `<select>` of the given options (see `option`). */
export function labelledSelect(
  label: string,
  name: string,
  options: HtmlValue,
  o: Pick<ControlOptions, 'id' | 'required'> = {},
): Html {
  const id = o.id ?? name;
  return html`<label for="${id}">${label}</label>
<select id="${id}" name="${name}"${required(o)}>${options}</select>`;
}

/** One `<option>`, selected when it is the typed value. */
export function option(value: string, text: HtmlValue, selected = false): Html {
  return html`<option value="${value}"${selected ? html` selected` : ''}>${text}</option>`;
}

/** A checkbox inside its label, on its own line (one member of a list). */
export function checkboxLine(id: string, name: string, value: string, label: string, checked = false): Html {
  return html`<p><label class="plain" for="${id}"><input type="checkbox" id="${id}" name="${name}" value="${value}"${checked ? html` checked` : ''}> ${label}</label></p>`;
}

/** A `<fieldset>` named by its legend, with an optional hint, around checkbox lines. */
export function checkboxFieldset(legend: string, lines: readonly Html[], hint?: string): Html {
  return html`<fieldset><legend>${legend}</legend>${hint === undefined ? '' : html`<p class="muted">${hint}</p>`}
${lines}
</fieldset>`;
}
