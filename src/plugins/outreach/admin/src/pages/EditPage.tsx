import {
  Box, Button, Field, Flex, Grid, MultiSelect, MultiSelectOption, NumberInput, SingleSelect, SingleSelectOption, Textarea, TextInput, Typography,
} from '@strapi/design-system';
import { ArrowLeft, Eye, PaperPlane } from '@strapi/icons';
import { Layouts, Page, useFetchClient, useNotification } from '@strapi/strapi/admin';
import { useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import type { Audience, Campaign, CampaignInput, Channel, MessagePreview } from '../../../shared/contracts';
import { errorMessage, useGet } from '../../../../../shared/admin/useApi';
import { insertAtCaret, MergeFieldChips } from '../../../../../shared/admin/MergeFieldChips';
import { AudiencePreview } from '../components/AudiencePreview';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { CHANNELS, RELATIONSHIP_LABELS } from '../components/labels';
import { useAudience } from '../components/useAudience';
import { useT } from '../utils/useT';
import { enumLabel } from '../../../../../shared/admin/locale';

const PRESCRIBER_KINDS = ['cdas', 'ccas', 'college', 'association', 'other'];
const DONOR_KINDS = ['company', 'public_administration', 'local_authority', 'association', 'other'];

const DEFAULT_BODY = `Madame, Monsieur,

{{workshop.name}} remet gratuitement des ordinateurs reconditionnés à des foyers en difficulté dont au moins un enfant est au collège.

Nous serions heureux de présenter le dispositif à {{structure.name}}.

Cordialement,
{{workshop.name}}`;

const splitList = (text: string) => text.split(',').map((s) => s.trim()).filter(Boolean);

interface MergeFields {
  fields: Record<string, string>;
  territories: Record<string, string>;
}

/** Creates a campaign, or edits a draft; sends it after a confirmation naming the count. */
export const EditPage = ({ campaign, onSaved }: { campaign?: Campaign; onSaved?: () => void }) => {
  const t = useT();
  const navigate = useNavigate();
  const { post, put } = useFetchClient();
  const { toggleNotification } = useNotification();
  const { data: merge } = useGet<MergeFields>('/outreach/merge-fields');

  const [name, setName] = useState(campaign?.name ?? '');
  const [target, setTarget] = useState<Audience['target']>(campaign?.audience.target ?? 'prescriber');
  const [kinds, setKinds] = useState<string[]>(campaign?.audience.kinds ?? []);
  const [territories, setTerritories] = useState<string[]>(campaign?.audience.territories ?? []);
  const [communes, setCommunes] = useState((campaign?.audience.communes ?? []).join(', '));
  const [relationships, setRelationships] = useState<string[]>(campaign?.audience.relationships ?? []);
  const [channel, setChannel] = useState<Channel>(campaign?.channel ?? 'email');
  const [subject, setSubject] = useState(campaign?.subject ?? 'Des ordinateurs pour les familles : {{structure.name}}');
  const [body, setBody] = useState(campaign?.body ?? DEFAULT_BODY);
  const [reminderDays, setReminderDays] = useState<number>(campaign?.reminderDays ?? 21);
  const [previewFor, setPreviewFor] = useState<string>('');
  const [message, setMessage] = useState<MessagePreview | null>(null);
  const [busy, setBusy] = useState(false);

  const audience: Audience = { target };
  if (kinds.length) audience.kinds = kinds;
  if (territories.length) audience.territories = territories;
  if (splitList(communes).length) audience.communes = splitList(communes);
  if (target === 'donor' && relationships.length) audience.relationships = relationships;
  const { preview, error: audienceError, loading } = useAudience(audience);

  const input = (): CampaignInput => ({ name, audience, channel, subject, body, reminderDays });
  const emails = !preview || channel === 'letter' ? 0 : preview.withEmail;
  const letters = !preview || channel === 'email' ? 0 : channel === 'letter' ? preview.total : preview.withoutEmail;

  const fail = (error: unknown) => toggleNotification({ type: 'danger', message: errorMessage(error) });

  /** Saves the form; returns the campaign's id (null when refused). */
  const save = async (): Promise<string | null> => {
    setBusy(true);
    try {
      if (campaign) {
        await put(`/outreach/campaigns/${campaign.documentId}`, input());
        return campaign.documentId;
      }
      const res = await post<{ data: Campaign }>('/outreach/campaigns', input());
      return res.data.data.documentId;
    } catch (error) {
      fail(error);
      return null;
    } finally {
      setBusy(false);
    }
  };

  const saveOnly = async () => {
    const id = await save();
    if (!id) return;
    toggleNotification({ type: 'success', message: t('edit.saved', 'Brouillon enregistré.') });
    if (campaign) onSaved?.();
    else navigate(`../${id}`, { relative: 'path' });
  };

  const send = async () => {
    const id = await save();
    if (!id) return;
    setBusy(true);
    try {
      const res = await post<{ data: { emails: number; letters: number; lettersError: string | null } }>(`/outreach/campaigns/${id}/send`, {});
      const r = res.data.data;
      if (r.lettersError) toggleNotification({ type: 'warning', message: r.lettersError });
      else toggleNotification({ type: 'success', message: t('edit.sent', 'Campagne lancée : {emails} e-mails, {letters} courriers.', { emails: r.emails, letters: r.letters }) });
      if (campaign) onSaved?.();
      else navigate(`../${id}`, { relative: 'path' });
    } catch (error) {
      fail(error);
    } finally {
      setBusy(false);
    }
  };

  const showPreview = async () => {
    try {
      const res = await post<{ data: MessagePreview }>('/outreach/preview', { name, audience, subject, body, ...(previewFor ? { recipient: previewFor } : {}) });
      setMessage(res.data.data);
    } catch (error) {
      setMessage(null);
      fail(error);
    }
  };

  // A chip inserts its field at the caret of the subject or the text, whichever was edited last.
  const subjectRef = useRef<HTMLInputElement>(null);
  const bodyRef = useRef<HTMLTextAreaElement>(null);
  const [mergeTarget, setMergeTarget] = useState<'subject' | 'body'>('body');
  const insert = (field: string) =>
    mergeTarget === 'subject' ? insertAtCaret(subjectRef.current, subject, `{{${field}}}`, setSubject) : insertAtCaret(bodyRef.current, body, `{{${field}}}`, setBody);
  const kindOptions = target === 'prescriber' ? PRESCRIBER_KINDS : DONOR_KINDS;
  const title = campaign ? campaign.name : t('edit.newTitle', 'Nouvelle campagne');

  return (
    <Page.Main>
      <Page.Title>{title}</Page.Title>
      <Layouts.Header
        title={title}
        subtitle={t('edit.subtitle', 'Brouillon : choisissez les destinataires, écrivez le message, vérifiez l’aperçu, puis envoyez.')}
        navigationAction={
          <Button tag={Link} to=".." relative="path" variant="tertiary" startIcon={<ArrowLeft />}>
            {t('edit.back', 'Campagnes')}
          </Button>
        }
        primaryAction={
          <Flex gap={2}>
            <Button variant="secondary" onClick={saveOnly} loading={busy} disabled={busy}>
              {t('edit.save', 'Enregistrer le brouillon')}
            </Button>
            <ConfirmDialog
              trigger={
                <Button startIcon={<PaperPlane />} disabled={busy || !preview || emails + letters === 0}>
                  {t('edit.send', 'Envoyer…')}
                </Button>
              }
              title={t('edit.confirmTitle', 'Envoyer la campagne')}
              confirmLabel={t('edit.confirmSend', 'Envoyer')}
              confirmIcon={<PaperPlane />}
              onConfirm={send}
            >
              <Flex direction="column" gap={2} alignItems="stretch">
                <Typography data-testid="send-confirmation">
                  {t('edit.confirmEmails', '{emails, plural, =0 {Aucun e-mail ne sera envoyé} one {# e-mail sera envoyé} other {# e-mails seront envoyés}}', { emails })}
                  {letters > 0 ? t('edit.confirmLetters', ' et {letters, plural, one {# courrier sera préparé} other {# courriers seront préparés}} (un PDF à imprimer)', { letters }) : ''}.
                </Typography>
                <Typography variant="pi" textColor="neutral600">
                  {t('edit.confirmNote', 'Une fois envoyée, la campagne ne se modifie plus ; un second envoi est refusé.')}
                </Typography>
              </Flex>
            </ConfirmDialog>
          </Flex>
        }
      />
      <Layouts.Content>
        <Grid.Root gap={6}>
          <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
            <Flex direction="column" alignItems="stretch" gap={4}>
              <Field.Root name="name" required>
                <Field.Label>{t('edit.name', 'Nom de la campagne')}</Field.Label>
                <TextInput value={name} onChange={(e: React.ChangeEvent<HTMLInputElement>) => setName(e.target.value)} placeholder="Rentrée 2012 : collèges de Brest" />
              </Field.Root>
              <Typography variant="delta" tag="h2">{t('edit.audience', 'Destinataires')}</Typography>
              <Grid.Root gap={3}>
                <Grid.Item col={6} direction="column" alignItems="stretch">
                  <Field.Root name="target" required>
                    <Field.Label>{t('edit.target', 'Qui')}</Field.Label>
                    <SingleSelect value={target} onChange={(v: string | number) => { setTarget(v as Audience['target']); setKinds([]); setRelationships([]); }}>
                      <SingleSelectOption value="prescriber">{t('edit.target.prescriber', 'Prescripteurs (CDAS, CCAS, collèges…)')}</SingleSelectOption>
                      <SingleSelectOption value="donor">{t('edit.target.donor', 'Donateurs')}</SingleSelectOption>
                    </SingleSelect>
                  </Field.Root>
                </Grid.Item>
                <Grid.Item col={6} direction="column" alignItems="stretch">
                  <Field.Root name="kinds" hint={t('edit.kinds.hint', 'Aucun choix : tous les types.')}>
                    <Field.Label>{t('edit.kinds', 'Types de structure')}</Field.Label>
                    <MultiSelect value={kinds} onChange={(v: string[]) => setKinds(v)} onClear={() => setKinds([])} placeholder={t('edit.all', 'Tous')} withTags>
                      {kindOptions.map((k) => (
                        <MultiSelectOption key={k} value={k}>{enumLabel(k)}</MultiSelectOption>
                      ))}
                    </MultiSelect>
                    <Field.Hint />
                  </Field.Root>
                </Grid.Item>
                <Grid.Item col={6} direction="column" alignItems="stretch">
                  <Field.Root name="territories">
                    <Field.Label>{t('edit.territories', 'Territoires')}</Field.Label>
                    <MultiSelect value={territories} onChange={(v: string[]) => setTerritories(v)} onClear={() => setTerritories([])} placeholder={t('edit.anywhere', 'Partout')} withTags>
                      {Object.entries(merge?.territories ?? {}).map(([key, label]) => (
                        <MultiSelectOption key={key} value={key}>{label}</MultiSelectOption>
                      ))}
                    </MultiSelect>
                  </Field.Root>
                </Grid.Item>
                <Grid.Item col={6} direction="column" alignItems="stretch">
                  <Field.Root name="communes" hint={t('edit.communes.hint', 'Séparées par des virgules, ex. Brest, Guipavas.')}>
                    <Field.Label>{t('edit.communes', 'Communes')}</Field.Label>
                    <TextInput value={communes} onChange={(e: React.ChangeEvent<HTMLInputElement>) => setCommunes(e.target.value)} />
                    <Field.Hint />
                  </Field.Root>
                </Grid.Item>
                {target === 'donor' && (
                  <Grid.Item col={6} direction="column" alignItems="stretch">
                    <Field.Root name="relationships">
                      <Field.Label>{t('edit.relationships', 'Étapes de la relation')}</Field.Label>
                      <MultiSelect value={relationships} onChange={(v: string[]) => setRelationships(v)} onClear={() => setRelationships([])} placeholder={t('edit.all', 'Tous')} withTags>
                        {Object.keys(RELATIONSHIP_LABELS).map((s) => (
                          <MultiSelectOption key={s} value={s}>{enumLabel(s)}</MultiSelectOption>
                        ))}
                      </MultiSelect>
                    </Field.Root>
                  </Grid.Item>
                )}
              </Grid.Root>
              <Typography variant="delta" tag="h2">{t('edit.message', 'Message')}</Typography>
              <Grid.Root gap={3}>
                <Grid.Item col={8} direction="column" alignItems="stretch">
                  <Field.Root name="channel" required>
                    <Field.Label>{t('edit.channel', 'Canal')}</Field.Label>
                    <SingleSelect value={channel} onChange={(v: string | number) => setChannel(v as Channel)}>
                      {(Object.keys(CHANNELS) as Channel[]).map((c) => (
                        <SingleSelectOption key={c} value={c}>{t(`channel.${c}`, CHANNELS[c])}</SingleSelectOption>
                      ))}
                    </SingleSelect>
                  </Field.Root>
                </Grid.Item>
                <Grid.Item col={4} direction="column" alignItems="stretch">
                  <Field.Root name="reminderDays" hint={t('edit.reminderDays.hint', 'Jours sans réponse avant « à relancer ».')}>
                    <Field.Label>{t('edit.reminderDays', 'Relance après')}</Field.Label>
                    <NumberInput value={reminderDays} onValueChange={(v: number | undefined) => setReminderDays(v ?? 21)} />
                    <Field.Hint />
                  </Field.Root>
                </Grid.Item>
              </Grid.Root>
              <Field.Root name="subject" required>
                <Field.Label>{t('edit.subject', 'Objet')}</Field.Label>
                <TextInput ref={subjectRef} onFocus={() => setMergeTarget('subject')} value={subject} onChange={(e: React.ChangeEvent<HTMLInputElement>) => setSubject(e.target.value)} />
              </Field.Root>
              <Field.Root name="body" required hint={t('edit.body.hint', 'Une ligne vide sépare deux paragraphes. Les champs de fusion se remplissent pour chaque structure.')}>
                <Field.Label>{t('edit.body', 'Texte')}</Field.Label>
                <Textarea ref={bodyRef} onFocus={() => setMergeTarget('body')} value={body} onChange={(e: React.ChangeEvent<HTMLTextAreaElement>) => setBody(e.target.value)} style={{ minHeight: '240px' }} />
                <Field.Hint />
              </Field.Root>
              <MergeFieldChips
                testId="merge-fields"
                title={t('edit.fields', 'Champs disponibles (cliquez pour insérer au curseur, dans l’objet ou le texte)')}
                fields={merge?.fields ?? {}}
                labelOf={(field, label) => t(`merge.${field}`, label)}
                onInsert={insert}
              />
            </Flex>
          </Grid.Item>
          <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
            <Flex direction="column" alignItems="stretch" gap={4}>
              <Box background="neutral0" padding={4} hasRadius shadow="tableShadow">
                <AudiencePreview preview={preview} error={audienceError} loading={loading} />
              </Box>
              <Box background="neutral0" padding={4} hasRadius shadow="tableShadow">
                <Flex direction="column" alignItems="stretch" gap={3}>
                  <Typography variant="delta" tag="h2">{t('edit.preview', 'Aperçu pour une structure')}</Typography>
                  <Flex gap={2} alignItems="flex-end">
                    <Box flex="1">
                      <SingleSelect
                        aria-label={t('edit.previewFor', 'Structure de l’aperçu')}
                        value={previewFor}
                        placeholder={t('edit.previewFirst', 'La première de la liste')}
                        onChange={(v: string | number) => setPreviewFor(String(v))}
                      >
                        {(preview?.members ?? []).map((m) => (
                          <SingleSelectOption key={m.documentId} value={m.documentId}>{m.name}</SingleSelectOption>
                        ))}
                      </SingleSelect>
                    </Box>
                    <Button variant="secondary" startIcon={<Eye />} onClick={showPreview} disabled={!preview || preview.total === 0}>
                      {t('edit.showPreview', 'Aperçu')}
                    </Button>
                  </Flex>
                  {message && (
                    <Box background="neutral100" padding={3} hasRadius data-testid="message-preview">
                      <Typography variant="pi" textColor="neutral600">{t('edit.previewTo', 'À : {name}', { name: message.recipient })}</Typography>
                      <Box paddingTop={1} paddingBottom={2}>
                        <Typography fontWeight="bold">{message.subject}</Typography>
                      </Box>
                      <Typography tag="div" style={{ whiteSpace: 'pre-wrap' }}>{message.text}</Typography>
                    </Box>
                  )}
                </Flex>
              </Box>
            </Flex>
          </Grid.Item>
        </Grid.Root>
      </Layouts.Content>
    </Page.Main>
  );
};
