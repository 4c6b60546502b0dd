import { Box, Button, Field, Flex, Grid, SingleSelect, SingleSelectOption, TextInput, Typography } from '@strapi/design-system';
import { useFetchClient, useNotification, useRBAC } from '@strapi/strapi/admin';
import { useState, type ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { errorMessage, useGet } from '../../../../../shared/admin/useApi';
import type { Bilan, Figure, ProgrammeSummary } from '../../../shared/contracts';
import { TERRITORIES, territoryLabel } from '../../../server/src/domain/territories';
import { NumberTable } from '../components/Charts';
import { saveBlob } from '../components/download';
import { formatDate, formatMonth, formatNumber, useT } from '../utils/useT';
import { adminLocale } from '../../../../../shared/admin/locale';
import { SharedSettingsNotice, useSharedSettings } from '../../../../../shared/admin/sharedSettings';
import { ByWorkshopTable, workshopQuery } from '../components/WorkshopPicker';

const TERRITORY_OPTIONS = [{ key: '', label: territoryLabel(null) }, ...Object.entries(TERRITORIES).map(([key, t]) => ({ key, label: t.label }))];

/** A figure: the number, a link to the records behind it when the content manager can list them. */
const Num = ({ f }: { f: Figure }) =>
  f.link ? (
    <Link to={f.link} style={{ color: '#4945ff', fontWeight: 600 }} title="Voir les fiches">
      {formatNumber(f.value)}
    </Link>
  ) : (
    <span style={{ fontWeight: 600 }}>{formatNumber(f.value)}</span>
  );

const Table = ({ caption, headers, rows, testId }: { caption: string; headers: string[]; rows: ReactNode[][]; testId?: string }) => (
  <Box paddingTop={5} data-testid={testId}>
    <Typography variant="delta" tag="h3">
      {caption}
    </Typography>
    <NumberTable headers={headers} rows={rows} />
  </Box>
);

export const BilanPanel = ({ workshop = '' }: { workshop?: string }) => {
  const t = useT();
  const { get, post, put } = useFetchClient();
  const { toggleNotification } = useNotification();
  const {
    allowedActions: { canGenerate },
  } = useRBAC({ generate: [{ action: 'plugin::reporting.generate', subject: null }] });
  const { data: programmes } = useGet<ProgrammeSummary[]>(`/reporting/programmes${workshop ? `?workshop=${workshop}` : ''}`);
  const [from, setFrom] = useState('2011-09-01');
  const [to, setTo] = useState('2012-08-31');
  const [programme, setProgramme] = useState('');
  const [territory, setTerritory] = useState('brest');
  const [bilan, setBilan] = useState<Bilan | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const { data: settings } = useGet<{ volunteerHourlyRate: number }>('/reporting/settings');
  const [rate, setRate] = useState<string | null>(null);
  // The hourly rate is the whole network's: another workshop's staff read it, the main workshop changes it.
  const shared = useSharedSettings();
  const rateReadOnly = !shared.editable;

  const query = () => new URLSearchParams({ from, to, ...(programme ? { programme } : {}), ...(territory ? { territory } : {}), ...workshopQuery(workshop) }).toString();

  const pickProgramme = (documentId: string) => {
    setProgramme(documentId);
    const p = programmes?.find((x) => x.documentId === documentId);
    if (p?.periodStart) setFrom(p.periodStart);
    if (p?.periodEnd) setTo(p.periodEnd);
    if (p?.territory) setTerritory(p.territory);
  };

  const run = async (what: string, fn: () => Promise<void>) => {
    setBusy(what);
    try {
      await fn();
    } catch (e) {
      toggleNotification({ type: 'danger', message: errorMessage(e) });
    } finally {
      setBusy(null);
    }
  };

  const compute = () =>
    run('compute', async () => {
      const res = await get<{ data: Bilan }>(`/reporting/bilan?${query()}`);
      setBilan(res.data.data);
    });

  const download = (format: 'csv' | 'xlsx') =>
    run(format, async () => {
      const res = await get<Blob>(`/reporting/bilan?${query()}&format=${format}`, { responseType: 'blob' });
      saveBlob(res.data, `bilan-${from}-${to}${territory ? `-${territory}` : ''}.${format}`);
    });

  const issuePdf = () =>
    run('pdf', async () => {
      const res = await post<{ data: { document: { documentId: string; number: string } } }>('/reporting/bilans', {
        from,
        to,
        ...(programme ? { programme } : {}),
        ...(territory ? { territory } : {}),
        ...workshopQuery(workshop),
      });
      const doc = res.data.data.document;
      const pdf = await get<Blob>(`/documents/generated/${doc.documentId}/download`, { responseType: 'blob' });
      saveBlob(pdf.data, `${doc.number}.pdf`);
      toggleNotification({ type: 'success', message: t('bilan.issued', 'Bilan {number} émis et téléchargé.', { number: doc.number }) });
    });

  const saveRate = () =>
    run('rate', async () => {
      const value = Number((rate ?? '').replace(',', '.'));
      const res = await put<{ data: { volunteerHourlyRate: number } }>('/reporting/settings', { volunteerHourlyRate: Number.isFinite(value) ? value : rate });
      setRate(String(res.data.data.volunteerHourlyRate));
      toggleNotification({ type: 'success', message: t('bilan.rateSaved', 'Valeur d’une heure de bénévolat enregistrée : elle vaut pour les bilans calculés désormais.') });
    });

  const euros = (n: number) => n.toLocaleString(adminLocale(), { style: 'currency', currency: 'EUR' });
  const periodOf = (period: string) => (period.includes('T') ? t('bilan.quarter', 'T{quarter} {year}', { quarter: period.slice(6), year: period.slice(0, 4) }) : formatMonth(period));

  const b = bilan;
  return (
    <Box>
      <Box background="neutral0" hasRadius shadow="tableShadow" padding={5}>
        <Grid.Root gap={4}>
          <Grid.Item col={3} s={6}>
            <Field.Root name="from" style={{ width: '100%' }}>
              <Field.Label>{t('bilan.from', 'Du')}</Field.Label>
              <TextInput type="date" value={from} onChange={(e: React.ChangeEvent<HTMLInputElement>) => setFrom(e.target.value)} />
            </Field.Root>
          </Grid.Item>
          <Grid.Item col={3} s={6}>
            <Field.Root name="to" style={{ width: '100%' }}>
              <Field.Label>{t('bilan.to', 'Au')}</Field.Label>
              <TextInput type="date" value={to} onChange={(e: React.ChangeEvent<HTMLInputElement>) => setTo(e.target.value)} />
            </Field.Root>
          </Grid.Item>
          <Grid.Item col={3} s={6}>
            <Field.Root name="territory" style={{ width: '100%' }}>
              <Field.Label>{t('bilan.territory', 'Territoire')}</Field.Label>
              <SingleSelect value={territory} onChange={(v: string | number) => setTerritory(String(v))}>
                {TERRITORY_OPTIONS.map((x) => (
                  <SingleSelectOption key={x.key} value={x.key}>
                    {x.label}
                  </SingleSelectOption>
                ))}
              </SingleSelect>
            </Field.Root>
          </Grid.Item>
          <Grid.Item col={3} s={6}>
            <Field.Root name="programme" style={{ width: '100%' }} hint={programmes?.length === 0 ? t('bilan.noProgramme', 'Aucun programme saisi (menu Programme de financement).') : undefined}>
              <Field.Label>{t('bilan.programme', 'Programme de financement')}</Field.Label>
              <SingleSelect value={programme} placeholder={t('bilan.none', 'Aucun')} onChange={(v: string | number) => pickProgramme(String(v))} onClear={() => setProgramme('')}>
                {(programmes ?? []).map((p) => (
                  <SingleSelectOption key={p.documentId} value={p.documentId}>
                    {`${p.name} (${p.funder})`}
                  </SingleSelectOption>
                ))}
              </SingleSelect>
              <Field.Hint />
            </Field.Root>
          </Grid.Item>
        </Grid.Root>
        <Flex gap={2} paddingTop={4} wrap="wrap">
          <Button onClick={compute} loading={busy === 'compute'} disabled={busy !== null}>
            {t('bilan.compute', 'Calculer le bilan')}
          </Button>
          <Button variant="secondary" onClick={() => download('csv')} loading={busy === 'csv'} disabled={busy !== null}>
            {t('bilan.csv', 'Télécharger en CSV')}
          </Button>
          <Button variant="secondary" onClick={() => download('xlsx')} loading={busy === 'xlsx'} disabled={busy !== null}>
            {t('bilan.xlsx', 'Télécharger en XLSX')}
          </Button>
          {canGenerate && (
            <Button variant="default" onClick={issuePdf} loading={busy === 'pdf'} disabled={busy !== null}>
              {t('bilan.pdf', 'Émettre le bilan PDF')}
            </Button>
          )}
        </Flex>
        {canGenerate && settings && (
          <Flex gap={2} paddingTop={4} alignItems="flex-end" wrap="wrap">
            <Field.Root name="volunteerHourlyRate" hint={t('bilan.rateHint', 'SMIC horaire brut par défaut (12,02 € depuis le 1er janvier 2026) : à mettre à jour quand il change.')}>
              <Field.Label>{t('bilan.rate', 'Valeur d’une heure de bénévolat (€)')}</Field.Label>
              <TextInput disabled={rateReadOnly} value={rate ?? settings.volunteerHourlyRate.toLocaleString(adminLocale())} onChange={(e: React.ChangeEvent<HTMLInputElement>) => setRate(e.target.value)} />
              <Field.Hint />
            </Field.Root>
            <Button variant="secondary" onClick={saveRate} loading={busy === 'rate'} disabled={rateReadOnly || busy !== null || rate === null}>
              {t('bilan.saveRate', 'Enregistrer')}
            </Button>
          </Flex>
        )}
        {canGenerate && settings && shared.known && rateReadOnly && (
          <Box paddingTop={2}>
            <SharedSettingsNotice>
              {t('sharedSettings.notice', 'Réglage commun à tous les ateliers du réseau : seule l’équipe de l’atelier principal ({workshop}) peut le modifier.', { workshop: shared.mainWorkshop })}
            </SharedSettingsNotice>
          </Box>
        )}
      </Box>

      {b && (
        <Box paddingTop={4} data-testid="bilan-result">
          <Typography variant="beta" tag="h2">
            {t('bilan.heading', 'Bilan du {from} au {to} — {territory}', { from: formatDate(b.params.from), to: formatDate(b.params.to), territory: b.params.territoryLabel })}
          </Typography>
          {b.scope && !b.scope.network && b.scope.workshops.length > 0 && (
            <Box paddingTop={1}>
              <Typography textColor="neutral600">{t('workshop.covered', 'Atelier : {names}', { names: b.scope.workshops.map((w) => w.name).join(', ') })}</Typography>
            </Box>
          )}
          {b.scope?.network && (
            <Box paddingTop={1}>
              <Typography textColor="neutral600">{t('workshop.network', 'Tout le réseau')}</Typography>
            </Box>
          )}
          {b.programme && (
            <Box paddingTop={1}>
              <Typography textColor="neutral600">{`${b.programme.name} — ${b.programme.funder}${b.programme.targetPublic ? ` — ${b.programme.targetPublic}` : ''}`}</Typography>
            </Box>
          )}
          <Box paddingTop={1}>
            <Typography variant="pi" textColor="neutral600">
              {t('bilan.linksHint', 'Chaque nombre souligné ouvre la liste des fiches qu’il compte.')}
            </Typography>
          </Box>
          <Table
            caption={t('bilan.summary', 'Synthèse')}
            testId="bilan-summary"
            headers={[t('bilan.indicator', 'Indicateur'), t('bilan.value', 'Valeur')]}
            rows={[
              [t('bilan.handedOver', 'Ordinateurs remis à des foyers'), <Num f={b.prescriberTotal.handedOver} />],
              [t('bilan.pending', 'Dossiers en instance en fin de période'), <Num f={b.prescriberTotal.pending} />],
              [t('bilan.equipped', 'Foyers équipés'), <Num f={b.households.equipped} />],
              [t('bilan.college', 'Foyers avec enfant(s) au collège'), <Num f={b.households.withCollegeChildren} />],
              [t('bilan.children', 'Enfants au collège dans ces foyers'), <Num f={b.households.collegeChildren} />],
              [t('bilan.outreachSent', "Courriers d'information envoyés"), <Num f={b.outreach.sent} />],
              [t('bilan.outreachAnswered', 'dont avec une réponse'), <Num f={b.outreach.answered} />],
              [t('bilan.activity', 'Unités reconditionnées dans la période (historique)'), <Num f={b.activity.refurbished} />],
              [t('bilan.recycledActivity', 'Unités envoyées au recyclage DEEE dans la période'), <Num f={b.activity.recycled} />],
              [t('bilan.erasures', 'Unités dont l’effacement a été certifié dans la période'), <Num f={b.erasures.certified} />],
            ]}
          />
          <ByWorkshopTable breakdown={b.byWorkshop} />
          <Table
            caption={t('bilan.byCommune', 'Par commune (commune du foyer)')}
            testId="bilan-communes"
            headers={[t('bilan.commune', 'Commune'), t('bilan.received', 'Prescriptions reçues'), t('bilan.handedOverShort', 'Remises'), t('bilan.pendingShort', 'En instance')]}
            rows={b.communes.map((c) => [c.commune, <Num f={c.received} />, <Num f={c.handedOver} />, <Num f={c.pending} />])}
          />
          <Table
            caption={t('bilan.byPrescriber', 'Par prescripteur')}
            headers={[t('bilan.prescriber', 'Prescripteur'), t('bilan.receivedShort', 'Reçues'), t('bilan.accepted', 'Acceptées'), t('bilan.handedOverShort', 'Remises'), t('bilan.pendingShort', 'En instance')]}
            rows={[...b.prescribers, b.prescriberTotal].map((p) => [p.name, <Num f={p.received} />, <Num f={p.accepted} />, <Num f={p.handedOver} />, <Num f={p.pending} />])}
          />
          <Table
            caption={t('bilan.byDonor', 'Par donateur (lots collectés dans la période, devenir à ce jour)')}
            headers={[t('bilan.donor', 'Donateur'), t('bilan.receivedShort', 'Reçues'), t('bilan.reused', 'Réemploi'), t('bilan.handedOverShort', 'Remises'), t('bilan.dismantled', 'Démontées'), t('bilan.recycled', 'Recyclées'), t('bilan.inProgress', 'En cours')]}
            rows={[...b.donors, b.donorTotal].map((d) => [d.name, <Num f={d.received} />, <Num f={d.reused} />, <Num f={d.handedOver} />, <Num f={d.dismantled} />, <Num f={d.recycled} />, <Num f={d.inProgress} />])}
          />
          <Table
            caption={t('bilan.volunteers', 'Bénévolat')}
            testId="bilan-volunteers"
            headers={[t('bilan.indicator', 'Indicateur'), t('bilan.value', 'Valeur')]}
            rows={[
              [t('bilan.volunteerHours', 'Heures de bénévolat'), formatNumber(b.volunteers.hours)],
              [t('bilan.activeVolunteers', 'Bénévoles présents au moins une fois'), formatNumber(b.volunteers.activeVolunteers)],
              [t('bilan.trainings', 'Formations tenues / bénévoles formés'), `${formatNumber(b.volunteers.trainings.held)} / ${formatNumber(b.volunteers.trainings.attendees)}`],
              [t('bilan.toRegularise', 'Présences sans départ pointé (non comptées, à régulariser)'), formatNumber(b.volunteers.toRegularise)],
            ]}
          />
          <Table
            caption={t('bilan.valuation', 'Valorisation du bénévolat (contributions volontaires en nature, {rate} de l’heure)', { rate: euros(b.volunteers.hourlyRate) })}
            testId="bilan-valuation"
            headers={[b.volunteers.valuationUnit === 'quarter' ? t('bilan.quarterHeader', 'Trimestre') : t('bilan.monthHeader', 'Mois'), t('bilan.hours', 'Heures'), t('bilan.valueEuros', 'Valeur')]}
            rows={[
              ...b.volunteers.valuation.map((r) => [periodOf(r.period), formatNumber(r.hours), euros(r.value)]),
              [t('bilan.total', 'Total'), formatNumber(b.volunteers.hours), euros(b.volunteers.value)],
            ]}
          />
        </Box>
      )}
    </Box>
  );
};
