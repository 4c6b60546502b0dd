import { Page } from '@strapi/strapi/admin';
import { Route, Routes } from 'react-router-dom';
import { TransfersPage } from './TransfersPage';

const App = () => (
  <Page.Protect permissions={[{ action: 'plugin::network.transfers.read', subject: null }]}>
    <Routes>
      <Route index element={<TransfersPage />} />
      <Route path="*" element={<Page.Error />} />
    </Routes>
  </Page.Protect>
);

export default App;
