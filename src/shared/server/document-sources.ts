/**
 * The contracts of what the documents plugin reads from other plugins to fill a template about one
 * of their records: a campaign's letters (outreach `campaigns`), a donor's certificate and thank-you
 * letter (relations `impact`), a bilan (reporting `reports`), a transfer slip (network `transfers`). Each provider checks that its service
 * keeps fulfilling its contract (its `server/src/services/index.ts`). Each accessor returns
 * undefined when the provider plugin is not enabled: the documents plugin says so, in French.
 */
import type { Core } from '@strapi/strapi';
import { pluginService } from '../plugin-service';

/** What a template reads about one record: laid out by the template, checked by no one else. */
export type TemplateData = Record<string, unknown>;

/** The outreach plugin's `campaigns` service, as the documents plugin reads it (kind `outreach-letters`). */
export interface CampaignLettersSource {
  /** Each letter's merge fields for a campaign's recipients by post; a 404 when the campaign does not exist. */
  lettersData(campaignDocumentId: string): Promise<TemplateData>;
}

/** The relations plugin's `impact` service, as the documents plugin reads it (kinds `label-certificate`, `thank-you-letter`). */
export interface DonorDocumentsSource {
  /** The donor and its Ordi 2.0 label; a 400 in French when it has no label date. */
  labelCertificateData(donorDocumentId: string): Promise<TemplateData>;
  /** The donor and its impact over the letter's year. */
  thankYouLetterData(donorDocumentId: string): Promise<TemplateData>;
}

/** An issued bilan's heading, as its template prints it. */
export interface BilanHeading {
  title: string;
  authorName: string | null;
  periodFrom: string;
  periodTo: string;
}

/** The reporting plugin's `reports` service, as the documents plugin reads it (kind `bilan`). */
export interface BilanSource {
  /** A stored report's heading and its bilan, recomputed from its stored parameters; a 404 when it does not exist. */
  documentData(reportDocumentId: string): Promise<{ report: BilanHeading; bilan: object }>;
}

/** One workshop party to a transfer, by its id: the documents plugin prints its issuing identity. */
export interface TransferSlipParty {
  id: number;
  name: string;
}

/** What a transfer slip reads about a transfer, as the network plugin stores it. */
export interface TransferSlipData {
  transfer: {
    number: string | null;
    kind: 'offer' | 'request';
    state: string;
    stateLabel: string;
    notes: string | null;
    need: string | null;
    requestedAt: string | null;
    proposedAt: string | null;
    acceptedAt: string | null;
    shippedAt: string | null;
    receivedAt: string | null;
  };
  from: TransferSlipParty;
  to: TransferSlipParty;
  /** The units the transfer holds (its machines relation), by label code. */
  machines: Array<{ documentId: string; labelCode: string | null; type: string | null; brand: string | null; model: string | null; serialNumber: string | null }>;
  /** The parts lines as recorded at the proposal. */
  parts: Array<{ category: string | null; description: string | null; quantity: number }>;
  /** Who took each step, as recorded (names as shown). */
  steps: Array<{ step: string; by: string; at: string }>;
}

/** The network plugin's `transfers` service, as the documents plugin reads it (kind `transfer-slip`). */
export interface TransferSlipSource {
  /** The transfer as its slip prints it; a 404 when it does not exist, a 400 in French before it is accepted (or once refused or cancelled). */
  slipData(transferDocumentId: string): Promise<TransferSlipData>;
}

/** The outreach plugin's campaigns, or undefined when the outreach plugin is not enabled. */
export const outreachCampaignLetters = (strapi: Core.Strapi): CampaignLettersSource | undefined => pluginService(strapi, 'outreach', 'campaigns');

/** The relations plugin's donor impact, or undefined when the relations plugin is not enabled. */
export const relationsDonorDocuments = (strapi: Core.Strapi): DonorDocumentsSource | undefined => pluginService(strapi, 'relations', 'impact');

/** The reporting plugin's reports, or undefined when the reporting plugin is not enabled. */
export const reportingBilans = (strapi: Core.Strapi): BilanSource | undefined => pluginService(strapi, 'reporting', 'reports');

/** The network plugin's transfers, or undefined when the network plugin is not enabled. */
export const networkTransferSlips = (strapi: Core.Strapi): TransferSlipSource | undefined => pluginService(strapi, 'network', 'transfers');
