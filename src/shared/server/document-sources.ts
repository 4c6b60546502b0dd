/**
 * The contracts of what the documents plugin reads from other plugins to fill a template about one
 * of their records: a campaign's letters (outreach `campaigns`), a donor's certificate and thank-you
 * letter (relations `impact`), a bilan (reporting `reports`). Each provider checks that its service
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

/** The outreach plugin's campaigns, or undefined when the outreach plugin is not enabled. */
export const outreachCampaignLetters = (strapi: Core.Strapi): CampaignLettersSource | undefined => pluginService(strapi, 'outreach', 'campaigns');

/** The relations plugin's donor impact, or undefined when the relations plugin is not enabled. */
export const relationsDonorDocuments = (strapi: Core.Strapi): DonorDocumentsSource | undefined => pluginService(strapi, 'relations', 'impact');

/** The reporting plugin's reports, or undefined when the reporting plugin is not enabled. */
export const reportingBilans = (strapi: Core.Strapi): BilanSource | undefined => pluginService(strapi, 'reporting', 'reports');
