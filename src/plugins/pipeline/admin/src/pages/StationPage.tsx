import { Layouts, Page } from '@strapi/strapi/admin';
import { Typography } from '@strapi/design-system';

export const StationPage = () => (
  <Page.Main>
    <Layouts.Header title="Poste de travail" />
    <Layouts.Content>
      <Typography>…</Typography>
    </Layouts.Content>
  </Page.Main>
);
