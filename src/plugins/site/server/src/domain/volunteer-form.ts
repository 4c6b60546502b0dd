import { escapeHtml as e } from '../../../../../shared/server/escape';
import { HONEYPOT } from './offer';
import { errorSummary } from './pages';
import type { SkillChoice, VolunteerErrors, VolunteerField, VolunteerOfferValues } from './volunteer-offer';

/** The error summary's link target for each field. */
const ANCHOR: Record<VolunteerField, string> = {
  name: 'name',
  email: 'email',
  phone: 'phone',
  postalCode: 'postalCode',
  availability: 'availability',
  wishes: 'wishes',
  skills: 'activites',
  consent: 'consent',
};

function textField(spec: { name: 'name' | 'email' | 'phone' | 'postalCode'; label: string; type: string; autocomplete: string; hint?: string; required?: boolean }, values: Partial<VolunteerOfferValues>, errors: VolunteerErrors): string {
  const error = errors[spec.name];
  const described = [spec.hint ? `${spec.name}-aide` : '', error ? `${spec.name}-erreur` : ''].filter(Boolean).join(' ');
  return `<div class="field"><label for="${spec.name}">${e(spec.label)}${spec.required ? ' <span aria-hidden="true">*</span>' : ''}</label>${
    spec.hint ? `<span class="hint" id="${spec.name}-aide">${e(spec.hint)}</span>` : ''
  }<input type="${spec.type}" id="${spec.name}" name="${spec.name}"${spec.required ? ' required aria-required="true"' : ''}${error ? ' aria-invalid="true"' : ''}${
    described ? ` aria-describedby="${described}"` : ''
  } autocomplete="${spec.autocomplete}" maxlength="${spec.name === 'postalCode' ? 10 : 160}" value="${e(values[spec.name] ?? '')}">${error ? `<p class="error" id="${spec.name}-erreur">${e(error)}</p>` : ''}</div>`;
}

function textArea(name: 'availability' | 'wishes', label: string, hint: string, max: number, values: Partial<VolunteerOfferValues>, errors: VolunteerErrors): string {
  const error = errors[name];
  return `<div class="field"><label for="${name}">${e(label)}</label><span class="hint" id="${name}-aide">${e(hint)}</span><textarea id="${name}" name="${name}" rows="4" maxlength="${max}"${
    error ? ' aria-invalid="true"' : ''
  } aria-describedby="${name}-aide${error ? ` ${name}-erreur` : ''}">${e(values[name] ?? '')}</textarea>${error ? `<p class="error" id="${name}-erreur">${e(error)}</p>` : ''}</div>`;
}

/** The « Devenir bénévole » form, with kept values and one message per field after a refused submission. */
export function volunteerForm(catalogue: SkillChoice[], values: Partial<VolunteerOfferValues> = {}, errors: VolunteerErrors = {}, general?: string): string {
  const summary = errorSummary((Object.entries(errors) as Array<[VolunteerField, string]>).map(([f, m]) => [ANCHOR[f], m]), general);
  const ticked = new Set(values.skills ?? []);
  const choices = catalogue.length
    ? `<fieldset class="choices" id="activites"${errors.skills ? ' aria-describedby="skills-erreur"' : ''}><legend>Ce que vous aimeriez faire</legend>${catalogue
        .map((s) => `<label class="choice"><input type="checkbox" name="skills" value="${e(s.key)}"${ticked.has(s.key) ? ' checked' : ''}> ${e(s.name)}</label>`)
        .join('')}${errors.skills ? `<p class="error" id="skills-erreur">${e(errors.skills)}</p>` : ''}</fieldset>`
    : '';
  const consentError = errors.consent;
  return `<section aria-labelledby="form-titre">
<h2 id="form-titre">Proposer votre aide</h2>
${summary}
<p>Les champs marqués d’un astérisque (*) sont obligatoires. Une adresse e-mail ou un téléphone suffit.</p>
<form class="offer" method="post" action="/devenir-benevole#form-titre" novalidate>
${textField({ name: 'name', label: 'Votre nom', type: 'text', autocomplete: 'name', required: true }, values, errors)}
${textField({ name: 'email', label: 'Adresse e-mail', type: 'email', autocomplete: 'email', hint: 'Ou un téléphone ci-dessous.' }, values, errors)}
${textField({ name: 'phone', label: 'Téléphone', type: 'tel', autocomplete: 'tel' }, values, errors)}
${textField({ name: 'postalCode', label: 'Code postal (facultatif)', type: 'text', autocomplete: 'postal-code', hint: 'Votre candidature est transmise à l’atelier du réseau le plus proche de ce code postal.' }, values, errors)}
${textArea('availability', 'Vos disponibilités', 'Par exemple : le mardi après-midi, un samedi par mois. 500 caractères au plus.', 500, values, errors)}
${choices}
${textArea('wishes', 'En quelques mots (facultatif)', 'Ce qui vous tente, ce que vous savez déjà faire… 1 000 caractères au plus.', 1000, values, errors)}
<div class="field"><label class="choice" for="consent"><input type="checkbox" id="consent" name="consent" value="oui" required aria-required="true"${values.consent === 'oui' ? ' checked' : ''}${
    consentError ? ' aria-invalid="true" aria-describedby="consent-erreur"' : ''
  }> J’accepte que l’atelier garde ces informations pour me recontacter au sujet du bénévolat. <span aria-hidden="true">*</span></label>${
    consentError ? `<p class="error" id="consent-erreur">${e(consentError)}</p>` : ''
  }<span class="hint">Sans suite de votre part, elles sont effacées au bout de 12 mois. Voir nos <a href="/mentions-legales">mentions légales</a>.</span></div>
<div class="hp" aria-hidden="true"><label for="${HONEYPOT}">Ne pas remplir ce champ</label><input type="text" id="${HONEYPOT}" name="${HONEYPOT}" tabindex="-1" autocomplete="off"></div>
<button type="submit">Envoyer ma candidature</button>
</form>
</section>`;
}

/** The answer to an accepted (or honeypot) submission: nothing the visitor typed is shown back. */
export function volunteerThanks(): string {
  return `<h1>Merci&nbsp;!</h1><div class="ok" role="status"><p>Votre candidature a bien été reçue. L’équipe de coordination vous recontacte pour vous proposer de passer à l’atelier.</p></div><p><a href="/">Retour à l’accueil</a></p>`;
}
