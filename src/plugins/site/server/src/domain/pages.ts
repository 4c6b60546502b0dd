import { escapeHtml as e } from '../../../../../shared/server/escape';
import { formatNumber, type Impact } from './impact';
import { renderMarkdown } from './markdown';
import { EQUIPMENT_KINDS, HONEYPOT, OFFER_MESSAGES, type OfferErrors, type OfferField, type OfferValues } from './offer';

export interface ContentPage {
  title: string;
  body: string;
}

export function contentSection(page: ContentPage): string {
  return `<h1>${e(page.title)}</h1>\n${renderMarkdown(page.body)}`;
}

export const LABELS: Array<[keyof Impact['totals'], string]> = [
  ['received', 'machines reçues'],
  ['refurbished', 'reconditionnées'],
  ['handedOver', 'remises à des foyers'],
  ['households', 'foyers équipés'],
  ['dismantled', 'démontées pour pièces'],
  ['recycled', 'recyclées (filière DEEE)'],
  ['kg', 'kg évités dans les déchets (estimation)'],
];

export function impactSection(impact: Impact, heading = 'Notre impact, en direct'): string {
  const cards = LABELS.map(([key, label]) => `<li><strong data-metric="${key}">${formatNumber(impact.totals[key])}</strong> ${e(label)}</li>`).join('');
  const rows = impact.years
    .map((y) => `<tr><th scope="row">${y.year}</th>${LABELS.map(([key]) => `<td data-year="${y.year}" data-metric="${key}">${formatNumber(y[key])}</td>`).join('')}</tr>`)
    .join('');
  return `<section aria-labelledby="impact-titre">
<h2 id="impact-titre">${e(heading)}</h2>
<ul class="figures">${cards}</ul>
${rows ? `<div class="table-scroll" tabindex="0" role="region" aria-labelledby="impact-annees"><table><caption id="impact-annees">Par année</caption><thead><tr><th scope="col">Année</th>${LABELS.map(([, label]) => `<th scope="col">${e(label.charAt(0).toUpperCase() + label.slice(1))}</th>`).join('')}</tr></thead><tbody>${rows}</tbody></table></div>` : ''}
<p class="note">Chiffres tirés de l’historique de notre chaîne de reconditionnement, mis à jour chaque minute. Les kilogrammes sont estimés à partir d’un poids moyen par type de machine.</p>
</section>`;
}

export function partnersSection(partners: Array<{ name: string; logo: string | null; labelled: boolean }>): string {
  if (!partners.length) return '<p>La liste de nos partenaires sera bientôt publiée.</p>';
  return `<h2>Ils nous ont confié leur matériel</h2><ul class="partners">${partners
    .map((p) => `<li>${p.logo ? `<img src="${e(p.logo)}" alt="" width="160" height="64">` : ''}<span>${e(p.name)}</span>${p.labelled ? '<br><span class="note">Donateur labellisé Ordi 2.0</span>' : ''}</li>`)
    .join('')}</ul>`;
}

const FIELD_SPECS: Array<{ name: OfferField; label: string; type: string; required: boolean; hint?: string; autocomplete?: string }> = [
  { name: 'organisation', label: 'Organisation', type: 'text', required: true, hint: 'Entreprise, administration, collectivité, association', autocomplete: 'organization' },
  { name: 'contactName', label: 'Personne à contacter', type: 'text', required: true, autocomplete: 'name' },
  { name: 'email', label: 'Adresse e-mail', type: 'email', required: true, autocomplete: 'email' },
  { name: 'phone', label: 'Téléphone (facultatif)', type: 'tel', required: false, autocomplete: 'tel' },
  { name: 'quantity', label: 'Nombre approximatif de machines', type: 'number', required: true },
  { name: 'equipment', label: 'Type de matériel', type: 'select', required: true },
  { name: 'location', label: 'Commune où se trouve le matériel', type: 'text', required: true, autocomplete: 'address-level2' },
  { name: 'postalCode', label: 'Code postal (facultatif)', type: 'text', required: false, hint: 'Votre proposition est transmise à l’atelier du réseau le plus proche de ce code postal.', autocomplete: 'postal-code' },
  { name: 'message', label: 'Message (facultatif)', type: 'textarea', required: false, hint: 'Âge du parc, état, contraintes d’enlèvement… 2 000 caractères au plus.' },
];

/** A public form's error summary: the general message, then one link per field message (`[anchor, message]`). */
export function errorSummary(fieldErrors: Array<[string, string]>, general?: string): string {
  if (!general && !fieldErrors.length) return '';
  return `<div class="alert" role="alert" id="erreurs" tabindex="-1"><p><strong>${e(general ?? OFFER_MESSAGES.summary)}</strong></p>${
    fieldErrors.length ? `<ul>${fieldErrors.map(([f, m]) => `<li><a href="#${f}">${e(m)}</a></li>`).join('')}</ul>` : ''
  }</div>`;
}

/** The offer form, with kept values and one message per field after a refused submission. */
export function offerForm(values: Partial<OfferValues> = {}, errors: OfferErrors = {}, general?: string): string {
  const summary = errorSummary(Object.entries(errors) as Array<[OfferField, string]>, general);
  const fields = FIELD_SPECS.map((spec) => {
    const value = values[spec.name] ?? '';
    const error = errors[spec.name];
    const described = [spec.hint ? `${spec.name}-aide` : '', error ? `${spec.name}-erreur` : ''].filter(Boolean).join(' ');
    const common = `id="${spec.name}" name="${spec.name}"${spec.required ? ' required aria-required="true"' : ''}${error ? ' aria-invalid="true"' : ''}${described ? ` aria-describedby="${described}"` : ''}${spec.autocomplete ? ` autocomplete="${spec.autocomplete}"` : ''}`;
    let control: string;
    if (spec.type === 'select') {
      control = `<select ${common}><option value="">— Choisir —</option>${Object.entries(EQUIPMENT_KINDS)
        .map(([key, label]) => `<option value="${key}"${key === value ? ' selected' : ''}>${e(label)}</option>`)
        .join('')}</select>`;
    } else if (spec.type === 'textarea') {
      control = `<textarea ${common} maxlength="2000" rows="6">${e(value)}</textarea>`;
    } else {
      const extra = spec.type === 'number' ? ' min="1" max="10000" inputmode="numeric"' : spec.name === 'postalCode' ? ' maxlength="10"' : ' maxlength="160"';
      control = `<input type="${spec.type}" ${common} value="${e(value)}"${extra}>`;
    }
    return `<div class="field"><label for="${spec.name}">${e(spec.label)}${spec.required ? ' <span aria-hidden="true">*</span>' : ''}</label>${
      spec.hint ? `<span class="hint" id="${spec.name}-aide">${e(spec.hint)}</span>` : ''
    }${control}${error ? `<p class="error" id="${spec.name}-erreur">${e(error)}</p>` : ''}</div>`;
  }).join('\n');
  return `<section aria-labelledby="form-titre">
<h2 id="form-titre">Proposer un don</h2>
${summary}
<p>Les champs marqués d’un astérisque (*) sont obligatoires.</p>
<form class="offer" method="post" action="/donner#form-titre" novalidate>
${fields}
<div class="hp" aria-hidden="true"><label for="${HONEYPOT}">Ne pas remplir ce champ</label><input type="text" id="${HONEYPOT}" name="${HONEYPOT}" tabindex="-1" autocomplete="off"></div>
<button type="submit">Envoyer ma proposition</button>
</form>
</section>`;
}

export function offerThanks(organisation: string): string {
  return `<h1>Merci&nbsp;!</h1><div class="ok" role="status"><p>Votre proposition de don pour <strong>${e(organisation)}</strong> a bien été reçue. Un e-mail de confirmation vient de vous être envoyé ; nous vous recontactons sous quelques jours.</p></div><p><a href="/garanties">Nos garanties : traçabilité et effacement certifié</a></p>`;
}
