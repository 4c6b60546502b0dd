import { useEffect, useRef, useState } from 'react';
import { useFetchClient, useNotification } from '@strapi/admin/strapi-admin';
import { Box, Button, Flex, Link, Typography } from '@strapi/design-system';
import { Download, File } from '@strapi/icons';
import { useIntl } from 'react-intl';
import { getTranslation } from '../pluginId';

interface Job {
  id: string;
  status: 'running' | 'done';
  total: number;
  done: number;
  issued: Array<{ number: string; labelCode: string }>;
  errors: Array<{ labelCode: string; message: string }>;
  reference: string | null;
}

/** A donation's per-unit erasure certificates, generated in the background, with a progress bar. */
export const BatchCertificates = ({ donation, onFinished }: { donation: string; onFinished: () => void }) => {
  const { formatMessage } = useIntl();
  const { get, post } = useFetchClient();
  const { toggleNotification } = useNotification();
  const [job, setJob] = useState<Job | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const t = (id: string, defaultMessage: string, values?: Record<string, string | number>) => formatMessage({ id: getTranslation(id), defaultMessage }, values);

  useEffect(() => () => {
    if (timer.current) clearTimeout(timer.current);
  }, []);

  // Never rejects: a failed poll polls again.
  const poll = async (id: string) => {
    try {
      const { data } = await get<{ data: Job }>(`/documents/batches/${id}`);
      setJob(data.data);
      if (data.data.status === 'running') follow(id);
      else onFinished();
    } catch {
      follow(id);
    }
  };
  const follow = (id: string) => {
    timer.current = setTimeout(() => void poll(id), 1000);
  };

  const start = async () => {
    try {
      const { data } = await post<{ data: Job }>('/documents/batches', { donation });
      setJob(data.data);
      follow(data.data.id);
    } catch (error) {
      const message = (error as { response?: { data?: { error?: { message?: string } } } }).response?.data?.error?.message;
      toggleNotification({ type: 'danger', message: message ?? t('panel.error', "L'opération a échoué.") });
    }
  };

  const download = async () => {
    if (!job) return;
    const { data } = await get(`/documents/batches/${job.id}/download`, { responseType: 'blob' });
    const url = URL.createObjectURL(data as Blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = `attestations-${job.reference ?? job.id}.zip`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 60000);
  };

  const running = job?.status === 'running';
  const percent = job && job.total > 0 ? Math.round((job.done / job.total) * 100) : 0;
  return (
    <Flex direction="column" alignItems="stretch" gap={2}>
      <Button fullWidth variant="secondary" startIcon={<File />} onClick={start} loading={running} disabled={running}>
        {t('batch.start', 'Attestations par unité (lot)')}
      </Button>
      {job && (
        <Flex direction="column" alignItems="stretch" gap={1} aria-live="polite">
          {/* The design system's ProgressBar is white on dark (made for media cards): a plain bar here. */}
          <Box
            role="progressbar"
            aria-label={t('batch.progress.label', 'Progression des attestations')}
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={percent}
            background="neutral200"
            hasRadius
            height="0.5rem"
            overflow="hidden"
          >
            <Box background={job.errors.length > 0 && job.status === 'done' ? 'warning500' : 'primary600'} height="100%" style={{ width: `${percent}%`, transition: 'width 0.4s' }} />
          </Box>
          <Typography variant="pi" textColor="neutral600">
            {t('batch.progress', '{done} / {total} unités traitées — {issued} attestations émises', { done: job.done, total: job.total, issued: job.issued.length })}
          </Typography>
          {job.errors.length > 0 && (
            <Typography variant="pi" textColor="danger600">
              {t('batch.errors', '{count} unités sans attestation (effacement manquant), par exemple {first}', { count: job.errors.length, first: job.errors[0].labelCode })}
            </Typography>
          )}
          {job.status === 'done' && job.issued.length > 0 && (
            <Link href="#" startIcon={<Download />} onClick={(event: React.MouseEvent) => { event.preventDefault(); void download(); }}>
              {t('batch.download', 'Télécharger les {count} attestations (ZIP)', { count: job.issued.length })}
            </Link>
          )}
        </Flex>
      )}
    </Flex>
  );
};
