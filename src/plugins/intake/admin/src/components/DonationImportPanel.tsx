import { LinkButton } from '@strapi/design-system';
import { FileCsv } from '@strapi/icons';
import { useIntl } from 'react-intl';
import { Link } from 'react-router-dom';
import { PLUGIN_ID } from '../pluginId';
import { getTranslation } from '../utils/getTranslation';

/** What the content-manager gives an edit-view side panel (the part this panel reads). */
interface PanelProps {
  model: string;
  documentId?: string;
}

/** A side panel in the donation's edit view: a link to import the donor's inventory into it. */
export const DonationImportPanel = ({ model, documentId }: PanelProps) => {
  const { formatMessage } = useIntl();
  if (model !== 'api::donation.donation' || !documentId) return null;
  return {
    title: formatMessage({ id: getTranslation('panel.title'), defaultMessage: "Import d'un parc" }),
    content: (
      <LinkButton tag={Link} to={`/plugins/${PLUGIN_ID}?donation=${documentId}`} variant="secondary" startIcon={<FileCsv />} fullWidth>
        {formatMessage({ id: getTranslation('panel.link'), defaultMessage: "Importer l'inventaire du donateur" })}
      </LinkButton>
    ),
  };
};
