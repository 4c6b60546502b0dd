/**
 * What the public verify page shows about an issued document: enough for whoever holds it to
 * recognise what it is about, never anything about a household. Built from the data the
 * template was rendered with and stored with the document when it is issued, so the page shows
 * what was certified, not what the records say later. Only the fields named here ever leave.
 */
import { ENUM_LABELS } from '../../../../../shared/labels';
import type { CertifiedStorage } from '../services/erasures';
import type { TemplateKind } from './kinds';

export interface VerifyFact {
  label: string;
  value: string;
}

export interface VerifyDevice {
  label: string;
  interface: string | null;
  capacityGb: number | null;
  outcome: string;
  method: string | null;
  tool: string | null;
  date: string | null;
  result: string | null;
  removal: { reason: string | null; destination: string | null; by: string | null } | null;
}

export interface VerifyUnit {
  labelCode: string;
  type: string;
  brandModel: string;
  serialNumber: string | null;
  devices: VerifyDevice[];
  /** When the unit has no device: the attestation, or the exemption, as certified. */
  noDevice: string | null;
}

export interface VerifySummary {
  /** One line naming what the document is about. */
  subject: string;
  facts: VerifyFact[];
  units: VerifyUnit[];
  /** The workshop of the network that issued the document (its record's workshop), as at issuance. */
  issuer?: { name: string; commune: string | null } | null;
}

type Data = Record<string, unknown>;
const obj = (v: unknown): Data => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Data) : {});
const str = (v: unknown): string | null => (v === null || v === undefined || v === '' ? null : String(v));
const fact = (label: string, value: unknown): VerifyFact[] => (str(value) ? [{ label, value: String(value) }] : []);
const frDate = (v: unknown): string | null => {
  const s = str(v);
  if (!s) return null;
  const d = new Date(s);
  return Number.isNaN(d.getTime()) ? s : d.toLocaleDateString('fr-FR', { timeZone: 'Europe/Paris' });
};

function unit(machine: Data, storage: CertifiedStorage | undefined): VerifyUnit {
  const type = str(machine.type);
  const devices = (storage?.devices ?? []).map(
    (d): VerifyDevice => ({
      label: d.label,
      interface: d.interface ? ENUM_LABELS[d.interface]?.fr ?? d.interface : null,
      capacityGb: d.capacityGb,
      outcome: d.outcomeLabel,
      method: d.erasure?.method ?? null,
      tool: d.erasure?.tool ?? null,
      date: frDate(d.removal?.at ?? d.erasure?.performedAt),
      result: d.removal ? null : d.erasure?.resultLabel ?? null,
      removal: d.removal ? { reason: d.removal.reason, destination: d.removal.destination, by: d.removal.by } : null,
    })
  );
  const noDevice = devices.length
    ? null
    : storage?.attestation
      ? `Aucun support de stockage constaté à l'établi le ${frDate(storage.attestation.at)}, par ${storage.attestation.by}.`
      : storage?.exemptRule
        ? `Unité sans support de stockage (${type ? ENUM_LABELS[type]?.fr ?? type : 'type inconnu'}).`
        : 'Aucun support de stockage enregistré.';
  return {
    labelCode: str(machine.labelCode) ?? '',
    type: type ? ENUM_LABELS[type]?.fr ?? type : '',
    brandModel: [str(machine.brand), str(machine.model)].filter(Boolean).join(' '),
    serialNumber: str(machine.serialNumber),
    devices,
    noDevice,
  };
}

const machineCodes = (machines: unknown) => (Array.isArray(machines) ? machines.map((m) => str(obj(m).labelCode)).filter(Boolean).join(', ') : '');

/** The summary of a document of this kind, from its template data. */
export function verifySummary(kind: TemplateKind, data: Data): VerifySummary {
  const donor = obj(data.donor);
  const donation = obj(data.donation);
  switch (kind) {
    case 'erasure-certificate': {
      const machine = obj(data.machine);
      return {
        subject: `Unité ${str(machine.labelCode) ?? ''}`,
        facts: [...fact('Donateur', donor.name), ...fact('Lot', donation.reference)],
        units: [unit(machine, data.storage as CertifiedStorage | undefined)],
      };
    }
    case 'donation-erasure-certificate': {
      const units = Array.isArray(data.units) ? (data.units as Data[]) : [];
      return {
        subject: `Lot ${str(donation.reference) ?? ''} (${units.length} unité${units.length > 1 ? 's' : ''})`,
        facts: [...fact('Donateur', donor.name), ...fact('Lot', donation.reference), ...fact('Collecté le', frDate(donation.collectedAt))],
        units: units.map((u) => unit(obj(u.machine), u.storage as CertifiedStorage | undefined)),
      };
    }
    case 'partnership-convention':
    case 'membership-convention': {
      const convention = obj(data.convention);
      const party = kind === 'partnership-convention' ? ['Donateur', donor.name] : ['Prescripteur', obj(data.prescriber).name];
      return {
        subject: `Convention ${str(convention.number) ?? ''}`,
        facts: [...fact(String(party[0]), party[1]), ...fact('Début', frDate(convention.startDate)), ...fact('Fin', frDate(convention.endDate))],
        units: [],
      };
    }
    case 'prescription-form':
    case 'handover-receipt': {
      const prescription = obj(data.prescription);
      return {
        subject: `Prescription ${str(prescription.number) ?? ''}`,
        facts: [...fact('Prescripteur', obj(data.prescriber).name), ...fact(kind === 'handover-receipt' ? 'Unité remise' : 'Unité', machineCodes(data.machines))],
        units: [],
      };
    }
    case 'traceability-report':
    case 'label-sheet': {
      const count = Array.isArray(data.machines) ? data.machines.length : Array.isArray(data.labels) ? data.labels.length : null;
      return {
        subject: `Lot ${str(donation.reference) ?? ''}`,
        facts: [...fact('Donateur', donor.name), ...fact(kind === 'label-sheet' ? 'Étiquettes' : 'Unités', count)],
        units: [],
      };
    }
    case 'label-certificate':
    case 'thank-you-letter':
      return { subject: `Donateur ${str(donor.name) ?? ''}`, facts: fact('Donateur', donor.name), units: [] };
    case 'outreach-letters':
      return { subject: `Campagne « ${str(obj(data.campaign).name) ?? ''} »`, facts: fact('Courriers', data.count), units: [] };
    case 'bilan': {
      const report = obj(data.report);
      const period = [frDate(report.periodFrom), frDate(report.periodTo)].filter(Boolean).join(' – ');
      return { subject: str(report.title) ?? "Bilan d'activité", facts: fact('Période', period), units: [] };
    }
    case 'transfer-slip': {
      const transfer = obj(data.transfer);
      const totals = obj(data.totals);
      return {
        subject: `Transfert ${str(transfer.number) ?? ''}`,
        facts: [
          ...fact('Atelier expéditeur', obj(data.from).name),
          ...fact('Atelier destinataire', obj(data.to).name),
          ...fact('État', transfer.stateLabel),
          ...fact('Accepté le', frDate(transfer.acceptedAt)),
          ...fact('Expédié le', frDate(transfer.shippedAt)),
          ...fact('Reçu le', frDate(transfer.receivedAt)),
          ...fact('Unités', machineCodes(data.machines)),
          ...fact('Pièces', totals.parts ? String(totals.parts) : null),
        ],
        units: [],
      };
    }
    default:
      return { subject: '', facts: [], units: [] };
  }
}
