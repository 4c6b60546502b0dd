import { Box, Tabs } from '@strapi/design-system';
import { Layouts, Page } from '@strapi/strapi/admin';
import { useState } from 'react';
import { useT } from '../utils/useT';
import { BilanPanel } from './BilanPage';
import { DashboardPanel } from './DashboardPage';
import { WeeePanel } from './WeeePage';
import { WorkshopPicker } from '../components/WorkshopPicker';

const App = () => {
  const t = useT();
  const [tab, setTab] = useState('dashboard');
  // '' : my workshops (the network for « Réseau »), or one workshop's documentId; every view follows it.
  const [workshop, setWorkshop] = useState('');
  return (
    <Page.Protect permissions={[{ action: 'plugin::reporting.read', subject: null }]}>
      <Page.Main>
        <Page.Title>{t('title', 'Bilans')}</Page.Title>
        <Layouts.Header title={t('title', 'Bilans')} subtitle={t('subtitle', 'Les chiffres de l’atelier, calculés à la demande depuis la base.')} />
        <Layouts.Content>
          <Tabs.Root value={tab} onValueChange={setTab}>
            <Tabs.List aria-label={t('tabs', 'Vues')}>
              <Tabs.Trigger value="dashboard">{t('tab.dashboard', 'Tableau de bord')}</Tabs.Trigger>
              <Tabs.Trigger value="bilan">{t('tab.bilan', 'Bilan')}</Tabs.Trigger>
              <Tabs.Trigger value="weee">{t('tab.weee', 'Registre DEEE')}</Tabs.Trigger>
            </Tabs.List>
          </Tabs.Root>
          <Box paddingTop={4}>
            <WorkshopPicker value={workshop} onChange={setWorkshop} />
          </Box>
          <Box paddingTop={4}>
            {tab === 'dashboard' && <DashboardPanel workshop={workshop} />}
            {tab === 'bilan' && <BilanPanel workshop={workshop} />}
            {tab === 'weee' && <WeeePanel workshop={workshop} />}
          </Box>
        </Layouts.Content>
      </Page.Main>
    </Page.Protect>
  );
};

export default App;
