import { Page } from '@strapi/strapi/admin';
import { Route, Routes } from 'react-router-dom';
import { BoardPage } from './BoardPage';
import { SettingsPage } from './SettingsPage';
import { StationPage } from './StationPage';

const App = () => (
  <Page.Protect permissions={[{ action: 'plugin::pipeline.board.read', subject: null }]}>
    <Routes>
      <Route index element={<BoardPage />} />
      <Route path="station" element={<StationPage />} />
      <Route
        path="settings"
        element={
          <Page.Protect permissions={[{ action: 'plugin::pipeline.settings.update', subject: null }]}>
            <SettingsPage />
          </Page.Protect>
        }
      />
      <Route path="*" element={<Page.Error />} />
    </Routes>
  </Page.Protect>
);

export default App;
