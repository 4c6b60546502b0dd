import {
  Badge,
  Box,
  Button,
  Checkbox,
  Field,
  Flex,
  Modal,
  NumberInput,
  SingleSelect,
  SingleSelectOption,
  Table,
  Tbody,
  Td,
  Textarea,
  TextInput,
  Th,
  Thead,
  Tr,
  Typography,
} from '@strapi/design-system';
import { Layouts, Page, useFetchClient, useNotification, useRBAC } from '@strapi/strapi/admin';
import { useMemo, useState } from 'react';
import { useIntl } from 'react-intl';
import { errorMessage, useGet } from '../../../../../shared/admin/useApi';
import { enumLabel } from '../../../../../shared/admin/locale';
import { getTranslation } from '../utils/getTranslation';

type Step = 'accept' | 'refuse' | 'ship' | 'receive' | 'cancel';

interface Transfer {
  documentId: string;
  number: string | null;
  kind: 'offer' | 'request';
  state: string;
  from: { name: string; commune: string } | null;
  to: { name: string; commune: string } | null;
  machines: Array<{ documentId: string; labelCode: string | null; type: string | null; brand: string | null; model: string | null }>;
  parts: Array<{ category: string | null; description: string | null; quantity: number }>;
  need: string | null;
  needCount: number | null;
  notes: string | null;
  dates: { acceptedAt: string | null; shippedAt: string | null; receivedAt: string | null };
  sides: Array<'from' | 'to'>;
  steps: Step[];
  canAnswer: boolean;
}

interface Workshop {
  documentId: string;
  name: string;
  commune: string;
  mine: boolean;
}

interface Goods {
  workshop: { documentId: string; name: string };
  machines: Array<{ documentId: string; labelCode: string; type: string; brand: string | null; model: string | null }>;
  parts: Array<{ documentId: string; category: string; description: string | null; quantityOnHand: number }>;
}

const MANAGE = [{ action: 'plugin::network.transfers.manage', subject: null }];
/** The slip is a document of the documents plugin: reading it needs `documents.read`, issuing it `documents.generate`. */
const SLIP_RIGHTS = [
  { action: 'plugin::documents.read', subject: null },
  { action: 'plugin::documents.generate', subject: null },
];
/** A slip can be issued once the transfer is accepted (the server refuses it before). */
const SLIP_STATES = ['accepted', 'shipped', 'received'];
const TRANSFER_UID = 'plugin::network.transfer';

interface IssuedSlip {
  documentId: string;
  number: string;
  kind: string;
  generatedAt: string;
}

/** Saves a PDF blob (download). */
function saveBlob(blob: Blob, fileName: string) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 60000);
}

function useT() {
  const { formatMessage } = useIntl();
  return (id: string, defaultMessage: string, values?: Record<string, string | number>) => formatMessage({ id: getTranslation(id), defaultMessage }, values);
}

const STEP_BUTTONS: Record<Step, { label: string; variant: 'default' | 'secondary' | 'danger-light' }> = {
  accept: { label: 'Accepter', variant: 'default' },
  refuse: { label: 'Refuser', variant: 'danger-light' },
  ship: { label: 'Marquer expédié', variant: 'default' },
  receive: { label: 'Marquer reçu', variant: 'default' },
  cancel: { label: 'Annuler le transfert', variant: 'danger-light' },
};

const STATE_LABELS: Record<string, string> = {
  requested: 'Demande au réseau',
  proposed: 'Proposé',
  accepted: 'Accepté',
  shipped: 'Expédié',
  received: 'Reçu',
  refused: 'Refusé',
  cancelled: 'Annulé',
};

/**
 * « Proposer un transfert » (a destination, units and parts) or « Répondre » to a request (the
 * requester is the destination): the units and parts the workshop may give, picked by label code.
 */
const GiveDialog = ({ answering, workshops, onDone }: { answering?: Transfer; workshops: Workshop[]; onDone: () => void }) => {
  const t = useT();
  const { post } = useFetchClient();
  const { toggleNotification } = useNotification();
  const [open, setOpen] = useState(false);
  const goods = useGet<Goods>(open ? '/network/transferable' : null);
  const [to, setTo] = useState('');
  const [filter, setFilter] = useState('');
  const [picked, setPicked] = useState<Set<string>>(new Set());
  const [quantities, setQuantities] = useState<Record<string, number | undefined>>({});
  const [notes, setNotes] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const others = workshops.filter((w) => !w.mine);
  const shown = useMemo(() => {
    const q = filter.trim().toLowerCase();
    const all = goods.data?.machines ?? [];
    return (q ? all.filter((m) => [m.labelCode, enumLabel(m.type), m.brand, m.model].join(' ').toLowerCase().includes(q)) : all).slice(0, 200);
  }, [goods.data, filter]);
  const toggle = (id: string) => {
    const next = new Set(picked);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setPicked(next);
  };
  const parts = Object.entries(quantities).filter(([, q]) => q != null && q > 0) as Array<[string, number]>;
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      const body: Record<string, unknown> = { machines: [...picked], parts: parts.map(([part, quantity]) => ({ part, quantity })) };
      if (notes.trim()) body.notes = notes.trim();
      if (answering) await post(`/network/transfers/${answering.documentId}/answer`, body);
      else await post('/network/transfers', { ...body, toWorkshop: to });
      toggleNotification({ type: 'success', message: t('give.done', 'Transfert proposé : l’atelier destinataire peut l’accepter.') });
      setOpen(false);
      setPicked(new Set());
      setQuantities({});
      setNotes('');
      onDone();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal.Root open={open} onOpenChange={setOpen}>
      <Modal.Trigger>
        {answering ? <Button size="S" variant="secondary">{t('give.answer', 'Répondre')}</Button> : <Button>{t('give.open', 'Proposer un transfert')}</Button>}
      </Modal.Trigger>
      <Modal.Content>
        <Modal.Header closeLabel={t('common.close', 'Fermer')}>
          <Modal.Title>
            {answering
              ? t('give.answerTitle', 'Répondre à la demande de {workshop} : {need}', { workshop: answering.to?.name ?? '', need: answering.need ?? '' })
              : t('give.title', 'Proposer un transfert à un autre atelier')}
          </Modal.Title>
        </Modal.Header>
        <Modal.Body>
          <Flex direction="column" alignItems="stretch" gap={4}>
            {error && (
              <Typography role="alert" textColor="danger600">
                {error}
              </Typography>
            )}
            {goods.error && <Typography textColor="danger600">{goods.error}</Typography>}
            {!answering && (
              <Field.Root name="toWorkshop" required>
                <Field.Label>{t('give.to', 'Atelier destinataire')}</Field.Label>
                <SingleSelect value={to} placeholder={t('give.choose', 'Choisir…')} onChange={(v: string | number) => setTo(String(v))}>
                  {others.map((w) => (
                    <SingleSelectOption key={w.documentId} value={w.documentId}>
                      {`${w.name} (${w.commune})`}
                    </SingleSelectOption>
                  ))}
                </SingleSelect>
              </Field.Root>
            )}
            <Field.Root name="filter" hint={t('give.filterHint', 'Code d’étiquette, type, marque ou modèle ; une douchette saisit le code.')}>
              <Field.Label>{t('give.filter', 'Chercher une machine')}</Field.Label>
              <TextInput name="filter" value={filter} onChange={(e: React.ChangeEvent<HTMLInputElement>) => setFilter(e.target.value)} />
              <Field.Hint />
            </Field.Root>
            <Typography variant="sigma">{t('give.machines', 'Machines ({count} choisie(s))', { count: picked.size })}</Typography>
            <Box maxHeight="240px" overflow="auto" data-testid="transfer-machines">
              {shown.length === 0 && <Typography textColor="neutral600">{t('give.noMachine', 'Aucune machine disponible ne correspond.')}</Typography>}
              {shown.map((m) => (
                <Box key={m.documentId} paddingBottom={1}>
                  <Checkbox checked={picked.has(m.documentId)} onCheckedChange={() => toggle(m.documentId)}>
                    {`${m.labelCode} — ${enumLabel(m.type)} ${[m.brand, m.model].filter(Boolean).join(' ')}`}
                  </Checkbox>
                </Box>
              ))}
            </Box>
            {(goods.data?.parts.length ?? 0) > 0 && (
              <>
                <Typography variant="sigma">{t('give.parts', 'Pièces (quantité à céder)')}</Typography>
                {goods.data!.parts.map((p) => (
                  <Flex key={p.documentId} gap={3} alignItems="center">
                    <Box width="60%">
                      <Typography>{`${enumLabel(p.category)}${p.description ? ` — ${p.description}` : ''} (${t('give.onHand', '{count} en stock', { count: p.quantityOnHand })})`}</Typography>
                    </Box>
                    <Field.Root name={`part-${p.documentId}`}>
                      <NumberInput
                        aria-label={t('give.quantity', 'Quantité')}
                        name={`part-${p.documentId}`}
                        value={quantities[p.documentId]}
                        onValueChange={(v: number | undefined) => setQuantities({ ...quantities, [p.documentId]: v })}
                      />
                    </Field.Root>
                  </Flex>
                ))}
              </>
            )}
            <Field.Root name="notes">
              <Field.Label>{t('give.notes', 'Notes (état, colisage, transport)')}</Field.Label>
              <Textarea name="notes" value={notes} onChange={(e: React.ChangeEvent<HTMLTextAreaElement>) => setNotes(e.target.value)} />
            </Field.Root>
          </Flex>
        </Modal.Body>
        <Modal.Footer>
          <Modal.Close>
            <Button variant="tertiary">{t('common.cancel', 'Annuler')}</Button>
          </Modal.Close>
          <Button onClick={submit} loading={busy} disabled={(!answering && !to) || (picked.size === 0 && parts.length === 0)}>
            {t('give.submit', 'Proposer')}
          </Button>
        </Modal.Footer>
      </Modal.Content>
    </Modal.Root>
  );
};

/** « Demander au réseau »: a need other workshops may answer (« 10 écrans plats »). */
const RequestDialog = ({ onDone }: { onDone: () => void }) => {
  const t = useT();
  const { post } = useFetchClient();
  const { toggleNotification } = useNotification();
  const [open, setOpen] = useState(false);
  const [need, setNeed] = useState('');
  const [count, setCount] = useState<number | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    setError(null);
    try {
      await post('/network/requests', { need: need.trim(), ...(count != null ? { needCount: count } : {}) });
      toggleNotification({ type: 'success', message: t('request.done', 'Demande envoyée au réseau.') });
      setOpen(false);
      setNeed('');
      setCount(undefined);
      onDone();
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  return (
    <Modal.Root open={open} onOpenChange={setOpen}>
      <Modal.Trigger>
        <Button variant="secondary">{t('request.open', 'Demander au réseau')}</Button>
      </Modal.Trigger>
      <Modal.Content>
        <Modal.Header closeLabel={t('common.close', 'Fermer')}>
          <Modal.Title>{t('request.title', 'Demander au réseau')}</Modal.Title>
        </Modal.Header>
        <Modal.Body>
          <Flex direction="column" alignItems="stretch" gap={4}>
            {error && (
              <Typography role="alert" textColor="danger600">
                {error}
              </Typography>
            )}
            <Field.Root name="need" required hint={t('request.needHint', 'Ce qui manque à l’atelier, par exemple « écrans plats 22 pouces ».')}>
              <Field.Label>{t('request.need', 'Besoin')}</Field.Label>
              <TextInput name="need" value={need} onChange={(e: React.ChangeEvent<HTMLInputElement>) => setNeed(e.target.value)} />
              <Field.Hint />
            </Field.Root>
            <Field.Root name="needCount">
              <Field.Label>{t('request.count', 'Nombre souhaité')}</Field.Label>
              <NumberInput name="needCount" value={count} onValueChange={(v: number | undefined) => setCount(v)} />
            </Field.Root>
          </Flex>
        </Modal.Body>
        <Modal.Footer>
          <Modal.Close>
            <Button variant="tertiary">{t('common.cancel', 'Annuler')}</Button>
          </Modal.Close>
          <Button onClick={submit} disabled={!need.trim()}>
            {t('request.submit', 'Envoyer la demande')}
          </Button>
        </Modal.Footer>
      </Modal.Content>
    </Modal.Root>
  );
};

/**
 * « Bordereau (PDF) »: downloads the transfer's latest slip when it still tells the transfer's last
 * step; otherwise issues a new one (who may generate documents) through the documents routes, then
 * downloads it. Who only reads documents downloads the latest one issued, or is told none is yet.
 */
const SlipButton = ({ transfer, canGenerate }: { transfer: Transfer; canGenerate: boolean }) => {
  const t = useT();
  const { get, post } = useFetchClient();
  const { toggleNotification } = useNotification();
  const [busy, setBusy] = useState(false);
  const lastStep = [transfer.dates.receivedAt, transfer.dates.shippedAt, transfer.dates.acceptedAt].find(Boolean) ?? null;
  const click = async () => {
    setBusy(true);
    try {
      const issued = (
        await get<{ data: IssuedSlip[] }>(`/documents/generated?targetUid=${encodeURIComponent(TRANSFER_UID)}&targetDocumentId=${encodeURIComponent(transfer.documentId)}`)
      ).data.data.filter((d) => d.kind === 'transfer-slip');
      let slip: IssuedSlip | undefined = issued[0];
      const current = slip && (!lastStep || new Date(slip.generatedAt).getTime() >= new Date(lastStep).getTime());
      if ((!slip || !current) && canGenerate) {
        slip = (await post<{ data: IssuedSlip }>('/documents/generate', { kind: 'transfer-slip', documentId: transfer.documentId })).data.data;
        toggleNotification({ type: 'success', message: t('slip.issued', 'Bordereau {number} émis.', { number: slip.number }) });
      }
      if (!slip) {
        toggleNotification({ type: 'info', message: t('slip.none', 'Aucun bordereau n’a encore été émis pour ce transfert : la coordination l’émet.') });
        return;
      }
      const { data } = await get(`/documents/generated/${slip.documentId}/download`, { responseType: 'blob' });
      saveBlob(data as Blob, `${slip.number}.pdf`);
    } catch (e) {
      toggleNotification({ type: 'danger', message: errorMessage(e) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button size="S" variant="tertiary" loading={busy} onClick={click} data-testid={`slip-${transfer.number}`}>
      {t('slip.button', 'Bordereau (PDF)')}
    </Button>
  );
};

export const TransfersPage = () => {
  const t = useT();
  const { post } = useFetchClient();
  const { toggleNotification } = useNotification();
  const list = useGet<{ transfers: Transfer[] }>('/network/transfers');
  const workshops = useGet<{ workshops: Workshop[] }>('/network/workshops');
  const {
    allowedActions: { canManage },
  } = useRBAC(MANAGE);
  const {
    allowedActions: { canRead: canReadDocuments, canGenerate: canGenerateDocuments },
  } = useRBAC(SLIP_RIGHTS);
  const [busy, setBusy] = useState<string | null>(null);
  const act = async (transfer: Transfer, step: Step) => {
    setBusy(`${transfer.documentId}:${step}`);
    try {
      await post(`/network/transfers/${transfer.documentId}/${step}`, {});
      toggleNotification({ type: 'success', message: t(`step.done.${step}`, `Transfert ${transfer.number} : ${STEP_BUTTONS[step].label.toLowerCase()}.`) });
    } catch (e) {
      toggleNotification({ type: 'danger', message: errorMessage(e) });
    } finally {
      setBusy(null);
      list.reload();
    }
  };
  const mineNames = (workshops.data?.workshops ?? []).filter((w) => w.mine).map((w) => w.name);
  const content = (x: Transfer) => {
    const units = x.machines.map((m) => m.labelCode).join(', ');
    const parts = x.parts.map((p) => `${p.quantity} × ${p.description ?? enumLabel(p.category ?? '')}`).join(', ');
    const lines = [
      x.machines.length ? t('list.units', '{count} machine(s) : {labels}', { count: x.machines.length, labels: units }) : '',
      parts ? t('list.parts', 'Pièces : {parts}', { parts }) : '',
      x.need ? t('list.need', 'Besoin : {need}{count}', { need: x.need, count: x.needCount ? ` (${x.needCount})` : '' }) : '',
    ].filter(Boolean);
    return lines.join(' · ');
  };
  return (
    <Page.Main>
      <Page.Title>{t('title', 'Transferts entre ateliers')}</Page.Title>
      <Layouts.Header
        title={t('title', 'Transferts entre ateliers')}
        subtitle={
          mineNames.length
            ? t('subtitle.mine', 'Vous travaillez pour : {workshops}. Les machines d’un transfert en cours ne bougent pas avant la réception.', { workshops: mineNames.join(', ') })
            : t('subtitle.network', 'Tous les ateliers du réseau, en lecture.')
        }
        primaryAction={
          canManage && workshops.data ? (
            <Flex gap={2}>
              <RequestDialog onDone={list.reload} />
              <GiveDialog workshops={workshops.data.workshops} onDone={list.reload} />
            </Flex>
          ) : undefined
        }
      />
      <Layouts.Content>
        {list.error && <Typography textColor="danger600">{list.error}</Typography>}
        {list.data && list.data.transfers.length === 0 ? (
          <Typography textColor="neutral600">{t('list.none', 'Aucun transfert pour l’instant.')}</Typography>
        ) : (
          <Table colCount={5} rowCount={(list.data?.transfers.length ?? 0) + 1}>
            <Thead>
              <Tr>
                <Th><Typography variant="sigma">{t('list.number', 'Numéro')}</Typography></Th>
                <Th><Typography variant="sigma">{t('list.route', 'De → Vers')}</Typography></Th>
                <Th><Typography variant="sigma">{t('list.content', 'Contenu')}</Typography></Th>
                <Th><Typography variant="sigma">{t('list.state', 'État')}</Typography></Th>
                <Th><Typography variant="sigma">{t('list.actions', 'Actions')}</Typography></Th>
              </Tr>
            </Thead>
            <Tbody>
              {(list.data?.transfers ?? []).map((x) => (
                <Tr key={x.documentId} data-testid={`transfer-${x.number}`}>
                  <Td><Typography fontWeight="bold">{x.number}</Typography></Td>
                  <Td style={{ whiteSpace: 'normal' }}>
                    <Typography>{`${x.from?.name ?? t('list.anyone', 'Le réseau')} → ${x.to?.name ?? '—'}`}</Typography>
                  </Td>
                  <Td style={{ whiteSpace: 'normal', maxWidth: '420px' }}>
                    <Typography variant="pi">{content(x)}</Typography>
                    {x.notes && <Typography variant="pi" textColor="neutral600">{` — ${x.notes}`}</Typography>}
                  </Td>
                  <Td>
                    <Badge active={['proposed', 'accepted', 'shipped', 'requested'].includes(x.state)}>{t(`state.${x.state}`, STATE_LABELS[x.state] ?? x.state)}</Badge>
                  </Td>
                  <Td>
                    <Flex gap={2} wrap="wrap">
                      {canManage &&
                        x.steps.map((step) => (
                          <Button key={step} size="S" variant={STEP_BUTTONS[step].variant} loading={busy === `${x.documentId}:${step}`} onClick={() => act(x, step)}>
                            {t(`step.${step}`, STEP_BUTTONS[step].label)}
                          </Button>
                        ))}
                      {canManage && x.canAnswer && workshops.data && <GiveDialog answering={x} workshops={workshops.data.workshops} onDone={list.reload} />}
                      {canReadDocuments && SLIP_STATES.includes(x.state) && <SlipButton transfer={x} canGenerate={canGenerateDocuments} />}
                    </Flex>
                  </Td>
                </Tr>
              ))}
            </Tbody>
          </Table>
        )}
      </Layouts.Content>
    </Page.Main>
  );
};
