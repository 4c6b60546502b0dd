import type { Bilan, Figure, VolunteerFigures, VolunteerHours, WeeeRegister } from '../../../shared/contracts';

/** One sheet of a spreadsheet export: a title and rows (first row = headers). */
export interface Sheet {
  name: string;
  rows: Array<Array<string | number | null>>;
}

const v = (f: Figure) => f.value;

/** The bilan as tables, the same for CSV (one after another) and XLSX (one sheet each). */
export function bilanSheets(b: Bilan): Sheet[] {
  const p = b.params;
  return [
    {
      name: 'Synthèse',
      rows: [
        ['Indicateur', 'Valeur'],
        ['Période', `${p.from} au ${p.to}`],
        ['Territoire', p.territoryLabel],
        ['Programme', b.programme ? `${b.programme.name} (${b.programme.funder})` : 'Aucun'],
        ['Unités reçues (lots collectés dans la période)', v(b.donorTotal.received)],
        ['dont reconditionnées pour réemploi', v(b.donorTotal.reused)],
        ['dont remises à des foyers', v(b.donorTotal.handedOver)],
        ['dont démontées pour pièces', v(b.donorTotal.dismantled)],
        ['dont recyclées (DEEE)', v(b.donorTotal.recycled)],
        ['Prescriptions reçues', v(b.prescriberTotal.received)],
        ['Prescriptions acceptées', v(b.prescriberTotal.accepted)],
        ['Ordinateurs remis à des foyers', v(b.prescriberTotal.handedOver)],
        ['Dossiers en instance en fin de période', v(b.prescriberTotal.pending)],
        ['Foyers équipés', v(b.households.equipped)],
        ['Foyers avec enfant(s) au collège', v(b.households.withCollegeChildren)],
        ['Enfants au collège dans ces foyers', v(b.households.collegeChildren)],
        ['Activité : unités devenues prêtes', v(b.activity.refurbished)],
        ['Activité : unités remises', v(b.activity.handedOver)],
        ['Activité : unités démontées', v(b.activity.dismantled)],
        ['Activité : unités recyclées', v(b.activity.recycled)],
        ["Courriers d'information envoyés", v(b.outreach.sent)],
        ["Courriers d'information ayant reçu une réponse", v(b.outreach.answered)],
        ['Heures de bénévolat', b.volunteers.hours],
        ['Bénévoles actifs (présents au moins une fois)', b.volunteers.activeVolunteers],
        ['Formations des bénévoles tenues', b.volunteers.trainings.held],
        ['Bénévoles formés', b.volunteers.trainings.attendees],
        ['Valeur d’une heure de bénévolat (€)', b.volunteers.hourlyRate],
        ['Valorisation du bénévolat (€)', b.volunteers.value],
        ['Présences à régulariser (départ non pointé, non comptées)', b.volunteers.toRegularise],
      ],
    },
    {
      name: 'Donateurs',
      rows: [
        ['Donateur', 'Reçues', 'Reconditionnées (réemploi)', 'Remises', 'Démontées', 'Recyclées', 'En cours'],
        ...[...b.donors, b.donorTotal].map((d) => [d.name, v(d.received), v(d.reused), v(d.handedOver), v(d.dismantled), v(d.recycled), v(d.inProgress)]),
      ],
    },
    {
      name: 'Prescripteurs',
      rows: [
        ['Prescripteur', 'Reçues', 'Acceptées', 'Remises', 'En instance'],
        ...[...b.prescribers, b.prescriberTotal].map((r) => [r.name, v(r.received), v(r.accepted), v(r.handedOver), v(r.pending)]),
      ],
    },
    {
      name: 'Communes',
      rows: [['Commune', 'Prescriptions reçues', 'Remises', 'En instance'], ...b.communes.map((c) => [c.commune, v(c.received), v(c.handedOver), v(c.pending)])],
    },
    valuationSheet(b.volunteers),
  ];
}

/**
 * « Valorisation du bénévolat »: the volunteers' hours as contributions volontaires en nature
 * (hours × rate = value), by month or by quarter, with their total.
 */
export function valuationSheet(f: VolunteerFigures): Sheet {
  return {
    name: 'Valorisation du bénévolat',
    rows: [
      [f.valuationUnit === 'month' ? 'Mois' : 'Trimestre', 'Heures', 'Taux horaire (€)', 'Valeur (€)'],
      ...f.valuation.map((r) => [r.label, r.hours, f.hourlyRate, r.value]),
      ['Total', f.hours, f.hourlyRate, f.value],
    ],
  };
}

/** Hours per volunteer (`GET /reporting/hours?format=csv|xlsx`). */
export function hoursSheets(h: VolunteerHours): Sheet[] {
  return [
    {
      name: 'Heures des bénévoles',
      rows: [
        ['Bénévole', 'Présences', 'Heures', 'À régulariser'],
        ...h.volunteers.map((r) => [r.name, r.presences, r.hours, r.toRegularise]),
        ['Total', h.total.presences, h.total.hours, h.toRegularise.length],
      ],
    },
  ];
}

export const TYPE_LABELS: Record<string, string> = {
  desktop: 'Unité centrale',
  laptop: 'Portable',
  all_in_one: 'Tout-en-un',
  server: 'Serveur',
  screen: 'Écran',
  other: 'Autre',
};

export function weeeSheets(r: WeeeRegister): Sheet[] {
  return [
    {
      name: 'Registre DEEE',
      rows: [
        ['Date de sortie', 'Étiquette', 'Type', 'N° de série', 'Donateur', 'Poids estimé (kg)', 'Recycleur', 'Référence de suivi', "Date d'enlèvement"],
        ...r.rows.map((x) => [x.recycledAt.slice(0, 10), x.labelCode, TYPE_LABELS[x.type] ?? x.type, x.serialNumber, x.donor, x.weightKg, x.recycler, x.trackingReference, x.shippedAt]),
      ],
    },
  ];
}
