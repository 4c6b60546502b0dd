/** The public network pages: the workshops of the network (/reseau) and each one's impact (/reseau/<code>). */
import { escapeHtml as e } from '../../../../../shared/server/escape';
import { formatNumber, type Impact } from './impact';
import { impactSection, LABELS } from './pages';
import { coveredPrefixes } from './routing';

/** What these pages show of a workshop: public facts only (no staff, no e-mail address). */
export interface NetworkWorkshop {
  id: number;
  code: string | null;
  name: string;
  commune: string;
  address: string | null;
  postalCode: string | null;
  postalCodes: string | null;
  isDefault: boolean;
}

/** The path of a workshop's page (null for a workshop without a code: it has none). */
export const workshopPath = (w: { code: string | null }): string | null => (w.code ? `/reseau/${encodeURIComponent(w.code)}` : null);

/** The postcodes a workshop covers, in words. */
export function coverage(w: NetworkWorkshop): string {
  const codes = coveredPrefixes(w.postalCodes);
  const listed = codes.length ? `codes postaux commençant par ${codes.join(', ')}` : '';
  if (w.isDefault) return listed ? `${listed}, et tous ceux qu’aucun autre atelier ne couvre` : 'tous les codes postaux qu’aucun autre atelier ne couvre';
  return listed || 'aucun code postal pour l’instant';
}

function place(w: NetworkWorkshop): string {
  const street = w.address ? `${e(w.address)}, ` : '';
  return `${street}${w.postalCode ? `${e(w.postalCode)} ` : ''}${e(w.commune)}`;
}

function card(w: NetworkWorkshop): string {
  const path = workshopPath(w);
  const title = path ? `<a href="${e(path)}">${e(w.name)}</a>` : e(w.name);
  return `<li data-workshop="${e(w.code ?? '')}"><h3>${title}</h3><p>${place(w)}</p><p class="note">Reçoit les propositions de don et les candidatures des ${e(coverage(w))}.</p>${
    path ? `<p><a href="${e(path)}">Voir l’impact de cet atelier</a></p>` : ''
  }</li>`;
}

/** The table of each workshop's totals, with the network's total last. */
function comparison(workshops: NetworkWorkshop[], byWorkshop: (w: NetworkWorkshop) => Impact, network: Impact): string {
  const head = LABELS.map(([, label]) => `<th scope="col">${e(label.charAt(0).toUpperCase() + label.slice(1))}</th>`).join('');
  const rows = workshops
    .map((w) => {
      const impact = byWorkshop(w);
      const path = workshopPath(w);
      return `<tr><th scope="row">${path ? `<a href="${e(path)}">${e(w.name)}</a>` : e(w.name)}</th>${LABELS.map(
        ([key]) => `<td data-workshop="${e(w.code ?? '')}" data-metric="${key}">${formatNumber(impact.totals[key])}</td>`,
      ).join('')}</tr>`;
    })
    .join('');
  const total = `<tr><th scope="row">Tout le réseau</th>${LABELS.map(([key]) => `<td data-network="total" data-metric="${key}">${formatNumber(network.totals[key])}</td>`).join('')}</tr>`;
  return `<div class="table-scroll" tabindex="0" role="region" aria-labelledby="ateliers-chiffres"><table><caption id="ateliers-chiffres">Par atelier</caption><thead><tr><th scope="col">Atelier</th>${head}</tr></thead><tbody>${rows}${total}</tbody></table></div>`;
}

/** /reseau: the workshops, what each covers, and the figures of each and of the whole network. */
export function networkPage(workshops: NetworkWorkshop[], byWorkshop: (w: NetworkWorkshop) => Impact, network: Impact): string {
  return `<h1>Le réseau des ateliers</h1>
<p>Nos ateliers de reconditionnement travaillent en réseau. Une proposition de don ou une candidature de bénévole faite sur ce site va à l’atelier qui couvre le code postal indiqué.</p>
<section aria-labelledby="ateliers-titre">
<h2 id="ateliers-titre">Les ateliers</h2>
<ul class="partners">${workshops.map(card).join('')}</ul>
</section>
${impactSection(network, 'L’impact de tout le réseau, en direct')}
<section aria-labelledby="par-atelier-titre">
<h2 id="par-atelier-titre">L’impact de chaque atelier</h2>
${comparison(workshops, byWorkshop, network)}
<p class="note">Une machine compte pour l’atelier qui l’a reçue, un foyer pour l’atelier qui l’a équipé. Un foyer équipé par deux ateliers compte une seule fois pour le réseau.</p>
</section>`;
}

/** /reseau/<code>: one workshop's place, coverage and figures. */
export function workshopPage(w: NetworkWorkshop, impact: Impact): string {
  return `<h1>${e(w.name)}</h1>
<p>${place(w)}</p>
<p>Cet atelier reçoit les propositions de don et les candidatures des ${e(coverage(w))}.</p>
${impactSection(impact, `L’impact de l’atelier, en direct`)}
<p><a href="/reseau">Tous les ateliers du réseau et le total du réseau</a></p>`;
}
