import { Badge, Box, Button, Flex, MenuItem, SimpleMenu, Typography } from '@strapi/design-system';
import { Layouts, Page, useFetchClient, useNotification, useRBAC } from '@strapi/strapi/admin';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { RELATIONSHIPS, type Board, type BoardCard, type Relationship, type StaffMember } from '../../../shared/contracts';
import { MoveDialog } from '../components/MoveDialog';
import { errorMessage, frDate, useGet, useT } from '../components/useApi';
import { enumLabel } from '../../../../../shared/admin/locale';

const DONORS_MANAGE = [{ action: 'plugin::relations.donors.manage', subject: null }];
const CONVENTIONS_MANAGE = [{ action: 'plugin::relations.conventions.manage', subject: null }];

const Card = ({ card, canMove, onMove, onDone }: { card: BoardCard; canMove: boolean; onMove: (to: Relationship) => void; onDone: () => void }) => {
  const t = useT();
  const step = card.nextStep;
  return (
    <Box background="neutral0" hasRadius shadow="tableShadow" padding={3} data-testid="donor-card" aria-label={card.name}>
      <Flex direction="column" alignItems="stretch" gap={2}>
        <Flex justifyContent="space-between" gap={2}>
          <Typography variant="delta" tag="h3">
            {card.name}
          </Typography>
          {card.labelled && <Badge>{t('card.labelled', 'Ordi 2.0')}</Badge>}
        </Flex>
        {card.followedBy && (
          <Typography variant="pi" textColor="neutral600">
            {t('card.followedBy', 'Suivi par : {workshop}', { workshop: card.followedBy.name })}
          </Typography>
        )}
        <Typography variant="pi" textColor="neutral600">
          {card.lastInteraction
            ? t('card.last', 'Dernier contact : {date} ({kind}) — {summary}', {
                date: frDate(card.lastInteraction.date.slice(0, 10)),
                kind: enumLabel(card.lastInteraction.kind),
                summary: card.lastInteraction.summary.length > 90 ? `${card.lastInteraction.summary.slice(0, 90)}…` : card.lastInteraction.summary,
              })
            : t('card.noContact', 'Aucun contact enregistré.')}
        </Typography>
        {step && (
          <Box padding={2} hasRadius background={step.overdue ? 'danger100' : 'primary100'}>
            <Typography variant="pi" textColor={step.overdue ? 'danger700' : 'primary700'} fontWeight="bold">
              {step.overdue ? t('card.overdue', 'En retard : ') : t('card.next', 'Prochaine étape : ')}
            </Typography>
            <Typography variant="pi" textColor={step.overdue ? 'danger700' : 'neutral800'}>
              {step.text}
              {step.due ? t('card.due', ' — pour le {date}', { date: frDate(step.due) }) : ''}
              {t('card.owner', ' ({owner})', { owner: step.owner?.name ?? t('card.coordination', 'Coordination') })}
            </Typography>
            {canMove && (
              <Box paddingTop={1}>
                <Button size="S" variant="tertiary" onClick={onDone}>
                  {t('card.markDone', 'Marquer comme faite')}
                </Button>
              </Box>
            )}
          </Box>
        )}
        {canMove && (
          <SimpleMenu label={t('card.moveTo', 'Déplacer vers…')} variant="tertiary" size="S" aria-label={t('card.moveAria', 'Déplacer {name} vers…', { name: card.name })}>
            {RELATIONSHIPS.filter((r) => r !== card.relationship).map((r) => (
              <MenuItem key={r} onSelect={() => onMove(r)}>
                {enumLabel(r)}
              </MenuItem>
            ))}
          </SimpleMenu>
        )}
      </Flex>
    </Box>
  );
};

export const BoardPage = () => {
  const t = useT();
  const { post } = useFetchClient();
  const { toggleNotification } = useNotification();
  const { data: board, error, loading, reload } = useGet<Board>('/relations/board');
  const { data: staff } = useGet<StaffMember[]>('/relations/staff');
  const [moving, setMoving] = useState<{ card: BoardCard; to: Relationship } | null>(null);
  // useRBAC names each result after the action's last segment (`…manage` → canManage): one call per action.
  const { allowedActions: donorActions } = useRBAC(DONORS_MANAGE);
  const { allowedActions: conventionActions } = useRBAC(CONVENTIONS_MANAGE);
  const canMove = donorActions.canManage === true;
  const canRenew = conventionActions.canManage === true;

  const act = async (url: string, success: string) => {
    try {
      await post(url, {});
      toggleNotification({ type: 'success', message: success });
      reload();
    } catch (e) {
      toggleNotification({ type: 'danger', message: errorMessage(e) });
    }
  };

  const total = board?.columns.reduce((n, c) => n + c.count, 0) ?? 0;
  return (
    <Page.Main>
      <Page.Title>{t('board.title', 'Relations donateurs')}</Page.Title>
      <Layouts.Header
        title={t('board.title', 'Relations donateurs')}
        subtitle={board ? t('board.subtitle', '{total} donateurs, par étape de la relation', { total }) : undefined}
        primaryAction={
          <Button tag={Link} to="collectes" variant="secondary">
            {t('board.pickups', 'Collectes')}
          </Button>
        }
      />
      <Layouts.Content>
        {error && <Typography textColor="danger600">{error}</Typography>}
        {loading && !board ? <Page.Loading /> : null}
        {board && board.expiring.length > 0 && (
          <Box background="warning100" hasRadius padding={4} marginBottom={4} data-testid="expiring">
            <Typography variant="delta" tag="h2">
              {t('expiring.title', 'Conventions à renouveler')}
            </Typography>
            <Flex direction="column" alignItems="stretch" gap={2} paddingTop={2}>
              {board.expiring.map((c) => (
                <Flex key={c.documentId} justifyContent="space-between" gap={4}>
                  <Typography>
                    {c.endDate < board.today
                      ? t('expiring.ended', '{number} — {party} : échue le {date} (passera « Expirée » au prochain contrôle quotidien)', { number: c.number, party: c.party, date: frDate(c.endDate) })
                      : t('expiring.line', '{number} — {party} : fin le {date}', { number: c.number, party: c.party, date: frDate(c.endDate) })}
                    {c.renewal ? t('expiring.renewal', ' (suite : {number})', { number: c.renewal }) : ''}
                  </Typography>
                  {canRenew && !c.renewal && (
                    <Button size="S" variant="secondary" onClick={() => act(`/relations/conventions/${c.documentId}/renew`, t('expiring.renewed', 'Convention de suite créée en brouillon.'))}>
                      {t('expiring.renew', 'Renouveler')}
                    </Button>
                  )}
                </Flex>
              ))}
            </Flex>
          </Box>
        )}
        {board && (
          <Box overflow="auto" paddingBottom={4}>
            <Flex gap={3} alignItems="flex-start" data-testid="board-columns">
              {board.columns.map((column) => (
                <Box key={column.relationship} background="neutral100" hasRadius padding={3} minWidth="240px" width="240px" data-testid={`column-${column.relationship}`}>
                  <Flex justifyContent="space-between" paddingBottom={3}>
                    <Typography variant="sigma" tag="h2">
                      {enumLabel(column.relationship)}
                    </Typography>
                    <Badge data-testid="column-count">{column.count}</Badge>
                  </Flex>
                  <Flex direction="column" alignItems="stretch" gap={3}>
                    {column.cards.length === 0 && (
                      <Typography variant="pi" textColor="neutral500">
                        {t('board.empty', 'Aucun donateur.')}
                      </Typography>
                    )}
                    {column.cards.map((card) => (
                      <Card
                        key={card.documentId}
                        card={card}
                        canMove={canMove}
                        onMove={(to) => setMoving({ card, to })}
                        onDone={() => card.nextStep && act(`/relations/interactions/${card.nextStep.interactionDocumentId}/done`, t('card.doneOk', 'Prochaine étape marquée comme faite.'))}
                      />
                    ))}
                  </Flex>
                </Box>
              ))}
            </Flex>
          </Box>
        )}
        {moving && <MoveDialog card={moving.card} to={moving.to} staff={staff ?? []} onClose={() => setMoving(null)} onMoved={reload} />}
      </Layouts.Content>
    </Page.Main>
  );
};
