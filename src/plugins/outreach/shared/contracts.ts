/** Request and response shapes shared by the outreach routes and the admin page. */
import type { Audience } from '../server/src/domain/audience';

export type { Audience };
export type Channel = 'email' | 'letter' | 'both';
export type CampaignStatus = 'draft' | 'sending' | 'sent';
export type Delivery = 'pending' | 'sent' | 'failed' | 'letter';
export type Outcome = 'no_answer' | 'answered' | 'meeting_set' | 'declined';
export const OUTCOMES: Outcome[] = ['no_answer', 'answered', 'meeting_set', 'declined'];

export interface CampaignInput {
  name: string;
  audience: Audience;
  channel: Channel;
  subject: string;
  body: string;
  reminderDays: number;
}

export interface CampaignCounts {
  total: number;
  pending: number;
  sent: number;
  failed: number;
  letter: number;
  outcomes: Record<Outcome, number>;
  /** Still without an answer `reminderDays` after the last mail. */
  due: number;
}

export interface Campaign extends CampaignInput {
  documentId: string;
  status: CampaignStatus;
  sentAt: string | null;
  author: string | null;
  createdAt: string;
  counts: CampaignCounts;
}

export interface AudienceMember {
  target: 'prescriber' | 'donor';
  id: number;
  documentId: string;
  name: string;
  kind: string;
  commune: string;
  email: string | null;
  contactName: string | null;
}

export interface AudiencePreview {
  total: number;
  withEmail: number;
  withoutEmail: number;
  members: AudienceMember[];
}

export interface Recipient {
  documentId: string;
  name: string;
  email: string | null;
  delivery: Delivery;
  sentAt: string | null;
  error: string | null;
  outcome: Outcome;
  outcomeAt: string | null;
  remindedAt: string | null;
  reminderCount: number;
  due: boolean;
}

export interface MessagePreview {
  recipient: string;
  subject: string;
  text: string;
  html: string;
}

/** Where the send queue is for one campaign. */
export interface Progress {
  status: CampaignStatus;
  total: number;
  pending: number;
  sent: number;
  failed: number;
  letter: number;
  remindersQueued: number;
}
