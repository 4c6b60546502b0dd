/**
 * The network's shared settings (workflows, document templates, volunteers' hourly rate; see
 * docs/network.md, « Shared across the network ») change only from the main workshop or a
 * super-admin. The settings screens ask `GET /network/shared-settings` (the kernel's
 * `canChangeNetworkSettings`) and, for another workshop's staff, make their fields read-only,
 * disable « Enregistrer » and show the notice below — no button that only answers 403.
 * Shared by the pipeline, documents and reporting plugins.
 */
import { Box, Typography } from '@strapi/design-system';
import { useGet } from './useApi';

interface SharedSettingsAccess {
  editable: boolean;
  mainWorkshop: { name: string } | null;
}

/**
 * `editable`: false until the answer is known (no save offered that the server would refuse),
 * then the server's answer; if the question itself fails, true — the server still refuses a
 * write it does not allow. `mainWorkshop`: the name of the workshop whose team changes them.
 */
export function useSharedSettings(): { editable: boolean; known: boolean; mainWorkshop: string } {
  const { data, error } = useGet<SharedSettingsAccess>('/network/shared-settings');
  if (error) return { editable: true, known: false, mainWorkshop: '' };
  return { editable: data?.editable ?? false, known: data !== null, mainWorkshop: data?.mainWorkshop?.name ?? '' };
}

/** The notice a read-only settings screen shows (its text comes from the plugin's translations). */
export const SharedSettingsNotice = ({ children }: { children: string }) => (
  <Box background="primary100" borderColor="primary200" borderStyle="solid" borderWidth="1px" hasRadius padding={3} role="note" data-testid="shared-settings-notice">
    <Typography textColor="primary700">{children}</Typography>
  </Box>
);
