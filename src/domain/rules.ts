import { isValidSiret } from './siret';

/** A problem with one field of a record, reported to the user as a 400 naming that field. */
export interface FieldProblem {
  path: string[];
  message: string;
}

type Id = { id: number } | null | undefined;

export const PUBLIC_DONOR_KINDS = ['public_administration', 'local_authority'] as const;

/** Ceiling of a unit's value for a free transfer by a public body (CG3P art. L3212-2, décret 2022-791). */
export const PUBLIC_FREE_TRANSFER_MAX_UNIT_VALUE = 300;

export interface DonorView {
  kind?: string | null;
  siret?: string | null;
}

export function donorProblems(donor: DonorView): FieldProblem[] {
  if (donor.siret && !isValidSiret(donor.siret)) {
    return [{ path: ['siret'], message: "Le SIRET n'est pas valide : 14 chiffres dont le dernier est une clé de contrôle." }];
  }
  return [];
}

export interface ConventionView {
  kind: 'partnership' | 'membership';
  state?: string | null;
  donor?: ({ id: number } & DonorView) | null;
  prescriber?: Id;
  signedAt?: string | null;
  startDate?: string | null;
  endDate?: string | null;
  terms?: { declaredUnitValue?: number | string | null } | null;
}

export function conventionProblems(c: ConventionView): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (c.kind === 'partnership') {
    if (!c.donor) problems.push({ path: ['donor'], message: 'Une convention de partenariat doit être liée à un donateur.' });
    if (c.prescriber) problems.push({ path: ['prescriber'], message: "Une convention de partenariat concerne un donateur, pas un prescripteur." });
  } else {
    if (!c.prescriber) problems.push({ path: ['prescriber'], message: "Une convention d'adhésion doit être liée à un prescripteur." });
    if (c.donor) problems.push({ path: ['donor'], message: "Une convention d'adhésion concerne un prescripteur, pas un donateur." });
  }
  if (c.startDate && c.endDate && c.endDate < c.startDate) {
    problems.push({ path: ['endDate'], message: 'La date de fin doit être postérieure à la date de début.' });
  }
  if (c.state === 'signed' && !c.signedAt) {
    problems.push({ path: ['signedAt'], message: "Indiquez la date de signature d'une convention signée." });
  }
  const value = c.terms?.declaredUnitValue;
  const isPublicDonor = c.donor?.kind && (PUBLIC_DONOR_KINDS as readonly string[]).includes(c.donor.kind);
  if (isPublicDonor && value != null && Number(value) > PUBLIC_FREE_TRANSFER_MAX_UNIT_VALUE) {
    problems.push({
      path: ['terms', 'declaredUnitValue'],
      message: `Une personne publique ne peut céder gratuitement que du matériel d'une valeur unitaire d'au plus ${PUBLIC_FREE_TRANSFER_MAX_UNIT_VALUE} € (article L3212-2 du CG3P, décret 2022-791).`,
    });
  }
  return problems;
}

export interface DonationView {
  donor?: Id;
  convention?: { kind: string; donor?: Id } | null;
}

export function donationProblems(d: DonationView): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!d.donor) problems.push({ path: ['donor'], message: 'Un lot doit être lié à son donateur.' });
  if (d.convention && (d.convention.kind !== 'partnership' || (d.donor && d.convention.donor?.id !== d.donor.id))) {
    problems.push({ path: ['convention'], message: "La convention choisie n'est pas une convention de partenariat de ce donateur." });
  }
  return problems;
}

export function prescriptionProblems(p: { prescriber?: Id }): FieldProblem[] {
  return p.prescriber ? [] : [{ path: ['prescriber'], message: 'Une prescription doit être liée à son prescripteur.' }];
}

export function interactionProblems(i: { donor?: Id; prescriber?: Id }): FieldProblem[] {
  if (!i.donor && !i.prescriber) {
    return [{ path: ['donor'], message: 'Une interaction concerne un donateur ou un prescripteur : choisissez-en un.' }];
  }
  if (i.donor && i.prescriber) {
    return [{ path: ['prescriber'], message: 'Une interaction concerne un seul interlocuteur : un donateur ou un prescripteur.' }];
  }
  return [];
}
