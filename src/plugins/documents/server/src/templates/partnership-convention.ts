import { BASE_CSS, LETTERHEAD, VERIFY_FOOTER } from './base';
import type { DefaultTemplate } from './types';

const html = `${LETTERHEAD}
<h1>Convention de partenariat</h1>
<p class="muted">Convention n° {{convention.number}} — don de matériel informatique en vue de son réemploi solidaire</p>

<h2>Entre les soussignés</h2>
<div class="parties">
  <div><strong>{{donor.name}}</strong> ({{enumLabel donor.kind}})<br>
    {{#if donor.address}}{{donor.address}}<br>{{/if}}{{donor.postalCode}} {{donor.commune}}<br>
    {{#if donor.siret}}SIRET {{donor.siret}}<br>{{/if}}
    {{#if donor.contact.name}}représenté(e) par {{donor.contact.name}}{{#if donor.contact.role}}, {{donor.contact.role}}{{/if}}<br>{{/if}}
    ci-après « le donateur »</div>
  <div><strong>{{workshop.name}}</strong>{{#if workshop.legalForm}} ({{workshop.legalForm}}){{/if}}<br>
    {{#if workshop.address}}{{workshop.address}}<br>{{/if}}{{workshop.postalCode}} {{workshop.commune}}<br>
    {{#if workshop.siret}}SIRET {{workshop.siret}}<br>{{/if}}
    {{#if workshop.signatoryName}}représentée par {{workshop.signatoryName}}{{#if workshop.signatoryRole}}, {{workshop.signatoryRole}}{{/if}}<br>{{/if}}
    ci-après « l'association »</div>
</div>

<h2>Article 1 — Objet</h2>
<p>La présente convention fixe les conditions dans lesquelles le donateur remet gratuitement à l'association du matériel
informatique déclassé, que l'association reconditionne pour l'attribuer en priorité à des foyers en difficulté orientés
par des structures sociales prescriptrices.</p>

<h2>Article 2 — Matériel concerné</h2>
<table class="kv">
  <tr><th>Nombre d'unités prévu</th><td>{{#if convention.terms.unitsExpected}}{{formatNumber convention.terms.unitsExpected}}{{else}}à préciser lors de chaque collecte{{/if}}</td></tr>
  <tr><th>Valeur unitaire déclarée</th><td>{{#if convention.terms.declaredUnitValue}}{{formatEuro convention.terms.declaredUnitValue}}{{else}}nulle (matériel amorti){{/if}}</td></tr>
  <tr><th>Modalités d'enlèvement</th><td>{{default convention.terms.pickupArrangements "Enlèvement par l'association, sur rendez-vous, aux frais de l'association."}}</td></tr>
</table>
<p>Chaque collecte fait l'objet d'un bordereau précisant le nombre d'unités remises et, si le donateur le fournit,
son inventaire (numéros d'inventaire et de série).</p>

{{#if donor.isPublicBody}}
<h2>Article 3 — Cession gratuite par une personne publique</h2>
<p>La présente cession est consentie à titre gratuit en application de l'article L3212-2 du Code général de la propriété
des personnes publiques, qui autorise les personnes publiques à céder gratuitement les matériels informatiques dont elles
n'ont plus l'emploi.</p>
<p>Le donateur certifie que la valeur unitaire de chaque bien cédé n'excède pas <strong>300 €</strong>, plafond fixé par le
décret n° 2022-791 du 6 mai 2022. Valeur unitaire déclarée : {{#if convention.terms.declaredUnitValue}}{{formatEuro convention.terms.declaredUnitValue}}{{else}}0,00 €{{/if}}.</p>
<p>L'association déclare remplir les conditions fixées par ce même article pour bénéficier d'une telle cession, et en tient
les justificatifs (statuts, objet, déclaration) à la disposition du donateur.</p>
<p>L'association s'engage à ne pas revendre les biens cédés, hors du régime de vente à « prix solidaire » prévu par la loi ;
elle les remet gratuitement aux foyers bénéficiaires.</p>
{{/if}}

<h2>Article {{#if donor.isPublicBody}}4{{else}}3{{/if}} — Garanties de l'association</h2>
<p><strong>Traçabilité.</strong> Chaque unité reçoit une étiquette de l'atelier reliée au numéro d'inventaire et au numéro
de série du donateur ; son parcours (tri, test, effacement, reconditionnement, remise ou recyclage) est enregistré.
Sur demande, l'association remet au donateur un rapport de traçabilité unité par unité.</p>
<p><strong>Effacement certifié des données.</strong> Avant toute réutilisation, chaque support de stockage est effacé par
réécriture complète au moyen d'un outil d'effacement reconnu, ou détruit physiquement s'il ne peut l'être. Chaque
effacement fait l'objet d'une attestation numérotée et vérifiable en ligne.</p>
<p><strong>Confidentialité.</strong> L'association ne consulte ni ne copie aucune donnée présente sur le matériel reçu.</p>

<h2>Article {{#if donor.isPublicBody}}5{{else}}4{{/if}} — Matériel non réutilisable</h2>
<p>Les unités qui ne peuvent être reconditionnées sont démontées pour servir de pièces détachées ou confiées à la filière
agréée de collecte des déchets d'équipements électriques et électroniques (DEEE), après effacement ou destruction des supports.</p>

<h2>Article {{#if donor.isPublicBody}}6{{else}}5{{/if}} — Durée</h2>
<p>La présente convention prend effet le {{formatDate convention.startDate}}{{#if convention.endDate}} et prend fin le
{{formatDate convention.endDate}}{{else}} pour une durée indéterminée ; chaque partie peut la résilier par écrit avec un
préavis d'un mois{{/if}}.</p>

<p>Fait en deux exemplaires, à {{workshop.commune}}, le {{formatDate document.issuedAt}}.</p>
<div class="signatures">
  <div>Pour le donateur<br>{{donor.contact.name}}<br><span class="muted">{{donor.contact.role}}</span></div>
  <div>Pour l'association<br>{{workshop.signatoryName}}<br><span class="muted">{{workshop.signatoryRole}}</span></div>
</div>
${VERIFY_FOOTER}`;

export const partnershipConvention: DefaultTemplate = {
  key: 'partnership-convention',
  kind: 'partnership-convention',
  name: 'Convention de partenariat (donateur)',
  version: 1,
  html,
  css: BASE_CSS,
};
