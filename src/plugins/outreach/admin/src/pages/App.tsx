import { Page } from '@strapi/strapi/admin';
import { Route, Routes } from 'react-router-dom';
import { CampaignPage } from './CampaignPage';
import { EditPage } from './EditPage';
import { ListPage } from './ListPage';

const SEND = [{ action: 'plugin::outreach.send', subject: null }];

const App = () => (
  <Page.Protect permissions={[{ action: 'plugin::outreach.read', subject: null }]}>
    <Routes>
      <Route index element={<ListPage />} />
      <Route
        path="new"
        element={
          <Page.Protect permissions={SEND}>
            <EditPage />
          </Page.Protect>
        }
      />
      <Route path=":documentId" element={<CampaignPage />} />
      <Route path="*" element={<Page.Error />} />
    </Routes>
  </Page.Protect>
);

export default App;
