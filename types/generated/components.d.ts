import type { Schema, Struct } from '@strapi/strapi';

export interface ConventionTerms extends Struct.ComponentSchema {
  collectionName: 'components_convention_termss';
  info: {
    displayName: 'Conditions';
    icon: 'file';
  };
  attributes: {
    declaredUnitValue: Schema.Attribute.Decimal &
      Schema.Attribute.SetMinMax<
        {
          min: 0;
        },
        number
      >;
    pickupArrangements: Schema.Attribute.Text &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 2000;
      }>;
    unitsExpected: Schema.Attribute.Integer &
      Schema.Attribute.SetMinMax<
        {
          max: 100000;
          min: 0;
        },
        number
      >;
  };
}

export interface PrescriptionFollowUp extends Struct.ComponentSchema {
  collectionName: 'components_prescription_follow_ups';
  info: {
    displayName: 'Suivi';
    icon: 'clock';
  };
  attributes: {
    author: Schema.Attribute.String &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 120;
      }>;
    date: Schema.Attribute.Date & Schema.Attribute.Required;
    note: Schema.Attribute.Text &
      Schema.Attribute.Required &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 2000;
      }>;
  };
}

export interface PrescriptionNeeds extends Struct.ComponentSchema {
  collectionName: 'components_prescription_needss';
  info: {
    displayName: 'Besoins';
    icon: 'check';
  };
  attributes: {
    deviceType: Schema.Attribute.Enumeration<['desktop', 'laptop']> &
      Schema.Attribute.Required &
      Schema.Attribute.DefaultTo<'desktop'>;
    keyboardMouse: Schema.Attribute.Boolean & Schema.Attribute.DefaultTo<false>;
    microphone: Schema.Attribute.Boolean & Schema.Attribute.DefaultTo<false>;
    screen: Schema.Attribute.Boolean & Schema.Attribute.DefaultTo<false>;
    webcam: Schema.Attribute.Boolean & Schema.Attribute.DefaultTo<false>;
  };
}

export interface SharedContact extends Struct.ComponentSchema {
  collectionName: 'components_shared_contacts';
  info: {
    displayName: 'Contact';
    icon: 'user';
  };
  attributes: {
    email: Schema.Attribute.Email &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 160;
      }>;
    name: Schema.Attribute.String &
      Schema.Attribute.Required &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 120;
      }>;
    phone: Schema.Attribute.String &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 20;
      }>;
    role: Schema.Attribute.String &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 120;
      }>;
  };
}

declare module '@strapi/strapi' {
  export namespace Public {
    export interface ComponentSchemas {
      'convention.terms': ConventionTerms;
      'prescription.follow-up': PrescriptionFollowUp;
      'prescription.needs': PrescriptionNeeds;
      'shared.contact': SharedContact;
    }
  }
}
