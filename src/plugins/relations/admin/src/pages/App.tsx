import { Page } from '@strapi/strapi/admin';
import { Route, Routes } from 'react-router-dom';
import { BoardPage } from './BoardPage';
import { PickupsPage } from './PickupsPage';

const App = () => (
  <Page.Protect permissions={[{ action: 'plugin::relations.read', subject: null }]}>
    <Routes>
      <Route index element={<BoardPage />} />
      <Route path="collectes" element={<PickupsPage />} />
      <Route path="*" element={<Page.Error />} />
    </Routes>
  </Page.Protect>
);

export default App;
