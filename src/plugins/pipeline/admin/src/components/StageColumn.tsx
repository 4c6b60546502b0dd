import { SingleSelect, SingleSelectOption, Typography } from '@strapi/design-system';
import { useFetchClient, useField } from '@strapi/strapi/admin';
import { useEffect, useState } from 'react';
import type { Stage, Workflow } from '../../../shared/contracts';
import { DEFAULT_WORKFLOWS } from '../../../server/src/domain/defaults';
import { StageBadge } from './StageBadge';

/**
 * The content manager's lists of machines and prescriptions show `pipelineStage`, a stage key
 * (`handed_over`). Here the column shows the stage's name on its colour, and the list's filter
 * offers the stages by name (« Prête », not `ready`). Names come from the workflows staff
 * configured, read once per page load; until then (or for a role that cannot read the line) the
 * default names stand in, never the key.
 */
const WORKFLOW_OF: Record<string, Workflow['key']> = { 'api::machine.machine': 'machines', 'api::prescription.prescription': 'prescriptions' };

type StagesByWorkflow = Partial<Record<Workflow['key'], Stage[]>>;

const defaults: StagesByWorkflow = Object.fromEntries(DEFAULT_WORKFLOWS.map((w) => [w.key, w.stages]));
let configured: StagesByWorkflow | null = null;
let loading: Promise<StagesByWorkflow> | null = null;

const stagesOf = (key: Workflow['key']): Stage[] => configured?.[key] ?? defaults[key] ?? [];

function useStages(key: Workflow['key']): Stage[] {
  const { get } = useFetchClient();
  const [, setLoaded] = useState(configured !== null);
  useEffect(() => {
    if (configured) return undefined;
    let live = true;
    loading ??= get<{ data: Workflow[] }>('/pipeline/workflows')
      .then((res) => (configured = Object.fromEntries(res.data.data.map((w) => [w.key, w.stages]))))
      .catch(() => (configured = defaults));
    void loading.then(() => live && setLoaded(true));
    return () => {
      live = false;
    };
  }, [get]);
  return stagesOf(key);
}

const StageCell = ({ workflow, value }: { workflow: Workflow['key']; value: unknown }) => {
  const stages = useStages(workflow);
  const stage = typeof value === 'string' ? stages.find((s) => s.key === value) : undefined;
  if (!stage) return <Typography textColor="neutral800">{typeof value === 'string' && value ? '—' : '-'}</Typography>;
  return <StageBadge label={stage.label} color={stage.color} compact />;
};

/** The list's model, from the content manager's address (the hooks are not told it). */
const currentWorkflow = (): Workflow['key'] | undefined => {
  const match = /collection-types\/([^/?]+)/.exec(window.location.pathname);
  return match ? WORKFLOW_OF[decodeURIComponent(match[1])] : undefined;
};

interface ListHeader {
  name: string;
  cellFormatter?: unknown;
}

interface ListFilter {
  name: string;
  type: string;
  options?: Array<{ label: string; value: string }>;
  input?: unknown;
  operators?: Array<{ label: { id: string; defaultMessage: string }; value: string }>;
}

/**
 * The value of the stage filter: a choice among the stages' names. A custom input, because the
 * filter's chip shows an option's label (« Étape est Prête ») only for filters that bring one.
 */
const StageFilterInput = ({ name, options = [], 'aria-label': label }: { name: string; options?: Array<{ label: string; value: string }>; 'aria-label'?: string }) => {
  const field = useField<string>(name);
  return (
    <SingleSelect aria-label={label} value={field.value ?? ''} onChange={(value: string | number) => field.onChange(name, String(value))}>
      {options.map((o) => (
        <SingleSelectOption key={o.value} value={o.value}>
          {o.label}
        </SingleSelectOption>
      ))}
    </SingleSelect>
  );
};

export const STAGE_ATTRIBUTE = 'pipelineStage';

/** `Admin/CM/pages/ListView/inject-column-in-table`: the stage column as a badge. */
export const stageColumn = <A extends { displayedHeaders: ListHeader[] }>(args: A): A => {
  const workflow = currentWorkflow();
  if (!workflow) return args;
  return {
    ...args,
    displayedHeaders: args.displayedHeaders.map((header) =>
      header.name === STAGE_ATTRIBUTE ? { ...header, cellFormatter: (row: Record<string, unknown>) => <StageCell workflow={workflow} value={row[STAGE_ATTRIBUTE]} /> } : header
    ),
  };
};

/** `Admin/CM/pages/ListView/inject-in-filters`: the stage filter as a choice among the stages' names. */
export const stageFilter = <A extends { displayedFilters: ListFilter[] }>(args: A): A => {
  const workflow = currentWorkflow();
  if (!workflow) return args;
  return {
    ...args,
    displayedFilters: args.displayedFilters.map((filter) =>
      filter.name === STAGE_ATTRIBUTE
        ? {
            ...filter,
            type: 'enumeration',
            input: StageFilterInput,
            operators: [
              { label: { id: 'components.FilterOptions.FILTER_TYPES.$eq', defaultMessage: 'is' }, value: '$eq' },
              { label: { id: 'components.FilterOptions.FILTER_TYPES.$ne', defaultMessage: 'is not' }, value: '$ne' },
            ],
            options: [...stagesOf(workflow)].sort((a, b) => a.position - b.position).map((s) => ({ label: s.label, value: s.key })),
          }
        : filter
    ),
  };
};
