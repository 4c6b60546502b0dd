import {
  Box, Button, Checkbox, Field, Flex, IconButton, SingleSelect, SingleSelectOption, Tabs, TextInput, Typography,
} from '@strapi/design-system';
import { ArrowDown, ArrowUp, Plus, Trash } from '@strapi/icons';
import { Layouts, Page, useFetchClient, useNotification } from '@strapi/strapi/admin';
import { useEffect, useState } from 'react';
import { useIntl } from 'react-intl';
import { Link } from 'react-router-dom';
import type { Workflow } from '../../../shared/contracts';
import { PROTECTED_STAGES as PROTECTED } from '../../../shared/protected-stages';
import { QUALIFICATION_EXEMPTIONS } from '../../../../../shared/skills';
import { errorMessage, useGet } from '../../../../../shared/admin/useApi';
import { SharedSettingsNotice, useSharedSettings } from '../../../../../shared/admin/sharedSettings';
import { addStageAfter, moveStage, removeStage, updateStage } from '../components/workflowEdit';
import { getTranslation } from '../utils/getTranslation';

/** A record the server refused to move out of a removed stage (409 `details.refused`). */
interface RefusedRecord {
  documentId: string;
  reference: string;
  from: string;
  to: string;
  message: string;
}

function refusedRecords(e: unknown): RefusedRecord[] {
  const details = (e as { response?: { data?: { error?: { details?: { refused?: RefusedRecord[] } } } } }).response?.data?.error?.details;
  return Array.isArray(details?.refused) ? details.refused : [];
}

/** A skill of the volunteers' catalogue (content manager), as the selects offer it. */
interface Skill {
  key: string;
  name: string;
}

/** « No skill required » in a select: the design system's selects need a non-empty value. */
const NONE = '__none__';

interface ActionType {
  type: string;
  label: string;
  options: Record<string, string>;
}

/** The low-code settings: stages, colours, order, checklists, automatic actions. */
export const SettingsPage = () => {
  const { formatMessage } = useIntl();
  const t = (id: string, defaultMessage: string, values?: Record<string, string | number>) =>
    formatMessage({ id: getTranslation(id), defaultMessage }, values);
  const { get, put } = useFetchClient();
  const { toggleNotification } = useNotification();
  const [key, setKey] = useState<'machines' | 'prescriptions'>('machines');
  const { data: workflows, reload } = useGet<Workflow[]>('/pipeline/workflows');
  const { data: actionTypes } = useGet<ActionType[]>('/pipeline/actions');
  const [draft, setDraft] = useState<Workflow | null>(null);
  const [moveRecords, setMoveRecords] = useState<Record<string, string>>({});
  const [newLabel, setNewLabel] = useState('');
  const [newAfter, setNewAfter] = useState('');
  const [saving, setSaving] = useState(false);
  const [refused, setRefused] = useState<RefusedRecord[]>([]);
  const [skills, setSkills] = useState<Skill[] | null>(null);
  // Shared by the whole network: another workshop's staff read it, the main workshop changes it.
  const shared = useSharedSettings();
  const readOnly = !shared.editable;

  // The skills catalogue, read through the content manager (Coordination reads it).
  useEffect(() => {
    let cancelled = false;
    get<{ results: Skill[] }>('/content-manager/collection-types/api::skill.skill?page=1&pageSize=100&sort=name:ASC')
      .then((res) => {
        if (!cancelled) setSkills(res.data.results.map(({ key: k, name }) => ({ key: k, name })));
      })
      .catch(() => {
        if (!cancelled) setSkills([]);
      });
    return () => {
      cancelled = true;
    };
  }, [get]);

  useEffect(() => {
    const found = workflows?.find((w) => w.key === key) ?? null;
    setDraft(found ? structuredClone(found) : null);
    setMoveRecords({});
    setRefused([]);
  }, [workflows, key]);

  if (!draft || !skills) return <Page.Loading />;
  const original = workflows?.find((w) => w.key === key);
  const removed = (original?.stages ?? []).filter((s) => !draft.stages.some((d) => d.key === s.key));

  const save = async () => {
    setSaving(true);
    setRefused([]);
    try {
      await put(`/pipeline/workflows/${draft.key}`, {
        name: draft.name,
        stages: draft.stages.map(({ key: k, label, color, terminal, checklist, enterRoles, requiredSkill }) => ({ key: k, label, color, terminal, checklist, enterRoles, requiredSkill: requiredSkill ?? null })),
        transitions: draft.transitions.map((tr) => ({ from: tr.from, to: tr.to, actions: tr.actions.map((a) => ({ type: a.type, options: a.options ?? {} })) })),
        moveRecords,
        ...(draft.qualifications ? { qualifications: { erasure: draft.qualifications.erasure ?? null, exempt: draft.qualifications.exempt ?? [] } } : {}),
      });
      toggleNotification({ type: 'success', message: t('settings.saved', 'Workflow enregistré.') });
      reload();
    } catch (e) {
      toggleNotification({ type: 'danger', message: errorMessage(e) });
      setRefused(refusedRecords(e));
    } finally {
      setSaving(false);
    }
  };

  /** Skill options: the catalogue, plus a key it no longer has (shown so that it can be replaced). */
  const skillOptions = (current: string | null | undefined) => [
    <SingleSelectOption key={NONE} value={NONE}>{t('settings.noSkill', 'Aucune')}</SingleSelectOption>,
    ...skills.map((skill) => <SingleSelectOption key={skill.key} value={skill.key}>{skill.name}</SingleSelectOption>),
    ...(current && !skills.some((skill) => skill.key === current)
      ? [<SingleSelectOption key={current} value={current}>{t('settings.missingSkill', '{key} (absente du catalogue)', { key: current })}</SingleSelectOption>]
      : []),
  ];
  const qualifications = draft.qualifications ?? { erasure: null, exempt: [] };
  const setQualifications = (patch: Partial<typeof qualifications>) => setDraft({ ...draft, qualifications: { ...qualifications, ...patch } });
  const exemptLabels: Record<string, string> = {
    'strapi-super-admin': t('settings.exempt.superAdmin', 'Super-administrateurs'),
    'seconde-vie-coordination': t('settings.exempt.coordination', 'Coordination'),
    'seconde-vie-atelier': t('settings.exempt.atelier', 'Atelier'),
    'api-token': t('settings.exempt.apiToken', 'Jetons API (outils de l’atelier)'),
  };

  const label = (k: string) => draft.stages.find((s) => s.key === k)?.label ?? original?.stages.find((s) => s.key === k)?.label ?? k;

  return (
    <Page.Main>
      <Page.Title>{t('settings.title', 'Configurer la chaîne')}</Page.Title>
      <Layouts.Header
        title={t('settings.title', 'Configurer la chaîne')}
        subtitle={t('settings.subtitle', 'Renommez, recolorez, réordonnez les étapes ; les règles de l’atelier restent toujours actives.')}
        navigationAction={<Link to="..">{t('settings.back', 'Retour au tableau')}</Link>}
        primaryAction={
          <Button onClick={save} loading={saving} disabled={readOnly}>
            {t('settings.save', 'Enregistrer')}
          </Button>
        }
      />
      <Layouts.Content>
        <Tabs.Root value={key} onValueChange={(v: string) => setKey(v as 'machines' | 'prescriptions')}>
          <Tabs.List aria-label="Workflows">
            <Tabs.Trigger value="machines">{t('board.machines', 'Machines')}</Tabs.Trigger>
            <Tabs.Trigger value="prescriptions">{t('board.prescriptions', 'Prescriptions')}</Tabs.Trigger>
          </Tabs.List>
        </Tabs.Root>
        {shared.known && readOnly && (
          <Box paddingTop={4}>
            <SharedSettingsNotice>
              {t('sharedSettings.notice', 'Réglage commun à tous les ateliers du réseau : seule l’équipe de l’atelier principal ({workshop}) peut le modifier.', { workshop: shared.mainWorkshop })}
            </SharedSettingsNotice>
          </Box>
        )}
        {/* Read-only for another workshop's staff: a disabled fieldset disables every field and button in it. */}
        <fieldset disabled={readOnly} style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }}>

          {draft.key === 'machines' && (
            <Box background="neutral0" hasRadius shadow="tableShadow" padding={4} marginTop={4} data-testid="settings-qualifications">
              <Typography variant="delta" tag="h2">{t('settings.qualifications', 'Actions qualifiées')}</Typography>
              <Typography tag="p" textColor="neutral600" paddingTop={1}>
                {t('settings.qualificationsHint', 'Une action qualifiée n’est enregistrée que par une personne de l’équipe qui détient la compétence à la date du jour (page Bénévoles).')}
              </Typography>
              <Flex gap={6} paddingTop={3} alignItems="flex-start" wrap="wrap">
                <Box width="360px">
                  <Field.Root name="qualification-erasure" hint={t('settings.erasureSkillHint', 'Aucune : n’importe quel compte de l’atelier peut enregistrer un effacement.')}>
                    <Field.Label>{t('settings.erasureSkill', 'Compétence requise pour l’effacement certifié')}</Field.Label>
                    <SingleSelect disabled={readOnly} value={qualifications.erasure ?? NONE} onChange={(v: string | number) => setQualifications({ erasure: String(v) === NONE ? null : String(v) })}>
                      {skillOptions(qualifications.erasure)}
                    </SingleSelect>
                    <Field.Hint />
                  </Field.Root>
                </Box>
                <Box>
                  <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
                    <legend>
                      <Typography variant="pi" fontWeight="bold">{t('settings.exempt', 'Rôles exemptés')}</Typography>
                    </legend>
                    <Flex direction="column" alignItems="flex-start" gap={1} paddingTop={1}>
                      {Object.keys(QUALIFICATION_EXEMPTIONS).map((code) => (
                        <Checkbox
                          key={code}
                          disabled={readOnly}
                          checked={qualifications.exempt.includes(code)}
                          onCheckedChange={(v: boolean | 'indeterminate') =>
                            setQualifications({ exempt: v === true ? [...new Set([...qualifications.exempt, code])] : qualifications.exempt.filter((c) => c !== code) })
                          }
                        >
                          {exemptLabels[code] ?? code}
                        </Checkbox>
                      ))}
                    </Flex>
                </fieldset>
              </Box>
            </Flex>
          </Box>
        )}

        <Flex direction="column" alignItems="stretch" gap={3} paddingTop={4}>
          {draft.stages.map((stage, index) => {
            const isProtected = (PROTECTED[draft.key] ?? []).includes(stage.key);
            return (
              <Box key={stage.key} background="neutral0" hasRadius shadow="tableShadow" padding={4} style={{ borderLeft: `6px solid ${stage.color}` }} data-testid={`stage-${stage.key}`}>
                <Flex gap={3} alignItems="flex-end" wrap="wrap">
                  <Box width="280px">
                    <Field.Root name={`label-${stage.key}`}>
                      <Field.Label>{t('settings.stageName', 'Nom de l’étape')}</Field.Label>
                      <TextInput disabled={readOnly} value={stage.label} onChange={(e: React.ChangeEvent<HTMLInputElement>) => setDraft(updateStage(draft, stage.key, { label: e.target.value }))} />
                    </Field.Root>
                  </Box>
                  <Field.Root name={`color-${stage.key}`}>
                    <Field.Label>{t('settings.color', 'Couleur')}</Field.Label>
                    <input type="color" value={stage.color} aria-label={t('settings.color', 'Couleur')} onChange={(e) => setDraft(updateStage(draft, stage.key, { color: e.target.value }))} style={{ height: 40, width: 56 }} />
                  </Field.Root>
                  <IconButton label={t('settings.up', 'Monter')} disabled={index < 2} onClick={() => setDraft(moveStage(draft, stage.key, -1))}>
                    <ArrowUp />
                  </IconButton>
                  <IconButton label={t('settings.down', 'Descendre')} disabled={index === 0 || index === draft.stages.length - 1} onClick={() => setDraft(moveStage(draft, stage.key, 1))}>
                    <ArrowDown />
                  </IconButton>
                  <IconButton
                    label={isProtected ? t('settings.protected', 'Étape liée à une règle : elle ne se supprime pas') : t('settings.remove', 'Supprimer l’étape')}
                    disabled={isProtected}
                    onClick={() => setDraft(removeStage(draft, stage.key))}
                  >
                    <Trash />
                  </IconButton>
                  <Box width="240px">
                    <Field.Root name={`skill-${stage.key}`}>
                      <Field.Label>{t('settings.requiredSkill', 'Compétence requise')}</Field.Label>
                      <SingleSelect disabled={readOnly} value={stage.requiredSkill ?? NONE} onChange={(v: string | number) => setDraft(updateStage(draft, stage.key, { requiredSkill: String(v) === NONE ? null : String(v) }))}>
                        {skillOptions(stage.requiredSkill)}
                      </SingleSelect>
                    </Field.Root>
                  </Box>
                  <Typography textColor="neutral500" variant="pi">{stage.terminal ? t('settings.final', 'étape finale') : ''}</Typography>
                </Flex>
                <Box paddingTop={3}>
                  <Typography variant="sigma" textColor="neutral600">{t('settings.checklist', 'Liste de contrôle')}</Typography>
                  {stage.checklist.map((item, i) => (
                    <Flex key={item.key} gap={2} paddingTop={2} alignItems="center">
                      <Box width="360px">
                        <TextInput
                          disabled={readOnly}
                          aria-label={t('settings.item', 'Point de contrôle')}
                          value={item.label}
                          onChange={(e: React.ChangeEvent<HTMLInputElement>) =>
                            setDraft(updateStage(draft, stage.key, { checklist: stage.checklist.map((c, j) => (j === i ? { ...c, label: e.target.value } : c)) }))
                          }
                        />
                      </Box>
                      <Checkbox
                        disabled={readOnly}
                        checked={item.required}
                        onCheckedChange={(v: boolean | 'indeterminate') =>
                          setDraft(updateStage(draft, stage.key, { checklist: stage.checklist.map((c, j) => (j === i ? { ...c, required: v === true } : c)) }))
                        }
                      >
                        {t('settings.required', 'obligatoire')}
                      </Checkbox>
                      <IconButton label={t('settings.removeItem', 'Retirer ce point')} onClick={() => setDraft(updateStage(draft, stage.key, { checklist: stage.checklist.filter((_, j) => j !== i) }))}>
                        <Trash />
                      </IconButton>
                    </Flex>
                  ))}
                  <Box paddingTop={2}>
                    <Button
                      variant="tertiary"
                      size="S"
                      startIcon={<Plus />}
                      disabled={readOnly}
                      onClick={() =>
                        setDraft(updateStage(draft, stage.key, { checklist: [...stage.checklist, { key: `point_${Date.now().toString(36)}`, label: t('settings.newItem', 'Nouveau point'), required: false }] }))
                      }
                    >
                      {t('settings.addItem', 'Ajouter un point')}
                    </Button>
                  </Box>
                </Box>
              </Box>
            );
          })}
        </Flex>

        {refused.length > 0 && (
          <Box paddingTop={6} role="alert" data-testid="settings-refused">
            <Typography variant="delta" tag="h2" textColor="danger600">
              {t('settings.refused', 'Rien n’a été enregistré : ces fiches ne peuvent pas changer d’étape')}
            </Typography>
            {refused.map((r) => (
              <Typography key={r.documentId} tag="p" paddingTop={1}>
                {r.reference} — {label(r.from)} → {label(r.to)} : {r.message}
              </Typography>
            ))}
          </Box>
        )}

        {removed.length > 0 && (
          <Box paddingTop={6}>
            <Typography variant="delta" tag="h2">{t('settings.whereTo', 'Où vont les fiches des étapes supprimées ?')}</Typography>
            <Typography tag="p" textColor="neutral600" paddingTop={1}>
              {t('settings.whereToHint', 'Chaque fiche y passe comme par un passage normal : son historique l’enregistre et les règles de l’atelier s’appliquent (effacement, test, convention…). Si une seule est refusée, rien n’est enregistré.')}
            </Typography>
            {removed.map((s) => (
              <Flex key={s.key} gap={3} paddingTop={2} alignItems="center">
                <Typography>{s.label} →</Typography>
                <Box width="260px">
                  <SingleSelect
                    disabled={readOnly}
                    aria-label={t('settings.target', 'Étape de destination')}
                    placeholder={t('settings.choose', 'Choisir une étape')}
                    value={moveRecords[s.key] ?? ''}
                    onChange={(v: string | number) => setMoveRecords((prev) => ({ ...prev, [s.key]: String(v) }))}
                  >
                    {draft.stages.map((d) => (
                      <SingleSelectOption key={d.key} value={d.key}>{d.label}</SingleSelectOption>
                    ))}
                  </SingleSelect>
                </Box>
              </Flex>
            ))}
          </Box>
        )}

        <Box paddingTop={6}>
          <Typography variant="delta" tag="h2">{t('settings.addStage', 'Ajouter une étape facultative')}</Typography>
          <Flex gap={3} paddingTop={2} alignItems="flex-end">
            <Box width="280px">
              <Field.Root name="new-stage">
                <Field.Label>{t('settings.stageName', 'Nom de l’étape')}</Field.Label>
                <TextInput disabled={readOnly} placeholder="Mise à niveau" value={newLabel} onChange={(e: React.ChangeEvent<HTMLInputElement>) => setNewLabel(e.target.value)} />
              </Field.Root>
            </Box>
            <Box width="260px">
              <SingleSelect disabled={readOnly} aria-label={t('settings.after', 'Après l’étape')} placeholder={t('settings.after', 'Après l’étape')} value={newAfter} onChange={(v: string | number) => setNewAfter(String(v))}>
                {draft.stages.filter((s) => !s.terminal).map((s) => (
                  <SingleSelectOption key={s.key} value={s.key}>{s.label}</SingleSelectOption>
                ))}
              </SingleSelect>
            </Box>
            <Button
              variant="secondary"
              startIcon={<Plus />}
              disabled={readOnly || !newLabel.trim() || !newAfter}
              onClick={() => {
                setDraft(addStageAfter(draft, newAfter, newLabel.trim(), '#64748b'));
                setNewLabel('');
              }}
            >
              {t('settings.add', 'Ajouter')}
            </Button>
          </Flex>
        </Box>

        <Box paddingTop={6}>
          <Typography variant="delta" tag="h2">{t('settings.actions', 'Actions automatiques des passages')}</Typography>
          {draft.transitions.map((tr, i) => (
            <Flex key={`${tr.from}-${tr.to}`} gap={3} paddingTop={2} alignItems="center" wrap="wrap">
              <Typography>{label(tr.from)} → {label(tr.to)}</Typography>
              {tr.actions.map((a, j) => (
                <Flex key={j} gap={1} alignItems="center">
                  <Typography textColor="primary600">{actionTypes?.find((x) => x.type === a.type)?.label ?? a.type}</Typography>
                  {Object.entries(actionTypes?.find((x) => x.type === a.type)?.options ?? {}).map(([opt, optLabel]) => (
                    <Box key={opt} width="220px">
                      <TextInput
                        disabled={readOnly}
                        aria-label={optLabel}
                        placeholder={optLabel}
                        value={String(a.options?.[opt] ?? '')}
                        onChange={(e: React.ChangeEvent<HTMLInputElement>) =>
                          setDraft({ ...draft, transitions: draft.transitions.map((x, k) => (k === i ? { ...x, actions: x.actions.map((y, m) => (m === j ? { ...y, options: { ...y.options, [opt]: e.target.value } } : y)) } : x)) })
                        }
                      />
                    </Box>
                  ))}
                  <IconButton label={t('settings.removeAction', 'Retirer l’action')} onClick={() => setDraft({ ...draft, transitions: draft.transitions.map((x, k) => (k === i ? { ...x, actions: x.actions.filter((_, m) => m !== j) } : x)) })}>
                    <Trash />
                  </IconButton>
                </Flex>
              ))}
              <Box width="220px">
                <SingleSelect
                  disabled={readOnly}
                  aria-label={t('settings.addAction', 'Ajouter une action')}
                  placeholder={t('settings.addAction', 'Ajouter une action')}
                  value=""
                  onChange={(v: string | number) => setDraft({ ...draft, transitions: draft.transitions.map((x, k) => (k === i ? { ...x, actions: [...x.actions, { type: String(v), options: {} }] } : x)) })}
                >
                  {(actionTypes ?? []).map((a) => (
                    <SingleSelectOption key={a.type} value={a.type}>{a.label}</SingleSelectOption>
                  ))}
                </SingleSelect>
              </Box>
            </Flex>
          ))}
        </Box>
        </fieldset>
      </Layouts.Content>
    </Page.Main>
  );
};
