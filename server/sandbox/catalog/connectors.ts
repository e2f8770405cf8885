import type { Category } from '../model.ts';

export interface ConnectorField {
  key: string;
  label: string;
  type: 'text' | 'password' | 'number' | 'select' | 'text_area';
  required: boolean;
  secret: boolean;
  placeholder?: string;
  description?: string;
  value?: string;
  display?: boolean;
  options?: { value: string; label: string }[];
  validation?: { type: 'html-pattern' | 'domain'; pattern: string; error?: string };
}

export interface Connector {
  provider: string;
  name: string;
  category: Category;
  /** Brand colour and initials of the locally drawn logo. */
  color: string;
  initials: string;
  integration_id: string;
  /** `oauth2` connectors go through the consent popup; the rest submit a credential form. */
  auth: 'api_key' | 'basic' | 'oauth2';
  /** Which `/hub/connectors/{id}` config shape to serve (the Hub supports both; keep one legacy). */
  config_shape: 'falcon' | 'legacy';
  authentication_config_key: string;
  fields: ConnectorField[];
  notices?: {
    key: string;
    type: 'info' | 'warning';
    description: string;
    anchor?: string;
    position?: 'top' | 'bottom';
  }[];
  /** Unified resources the connector offers: used for connector meta and generated request logs. */
  resources: string[];
  /** Host used in generated request-log URLs. */
  api_host: string;
}

const subdomain = (label: string, host: string): ConnectorField => ({
  key: 'subdomain',
  label,
  type: 'text',
  required: true,
  secret: false,
  placeholder: 'acme',
  description: `The part before **.${host}**`,
  validation: {
    type: 'html-pattern',
    pattern: '^[a-z0-9-]+$',
    error: 'Lowercase letters, digits and dashes only',
  },
});

const apiKey = (label = 'API Key'): ConnectorField => ({
  key: 'api_key',
  label,
  type: 'password',
  required: true,
  secret: true,
  placeholder: 'Paste your API key',
});

export const CONNECTORS: readonly Connector[] = [
  {
    provider: 'bamboohr',
    name: 'BambooHR',
    category: 'hris',
    color: '#73C41D',
    initials: 'B',
    integration_id: 'int_bamboohr_apikey',
    auth: 'api_key',
    config_shape: 'legacy',
    authentication_config_key: 'api_key',
    fields: [
      subdomain('Subdomain', 'bamboohr.com'),
      apiKey(),
      {
        key: 'region',
        label: 'Region',
        type: 'select',
        required: false,
        secret: false,
        placeholder: 'Choose',
        value: 'us',
        options: [
          { value: 'us', label: 'US' },
          { value: 'eu', label: 'EU' },
        ],
      },
    ],
    resources: ['employees', 'time_off', 'locations'],
    api_host: 'api.bamboohr.com',
  },
  {
    provider: 'hibob',
    name: 'HiBob',
    category: 'hris',
    color: '#E6355C',
    initials: 'Hb',
    integration_id: 'int_hibob_service_user',
    auth: 'basic',
    config_shape: 'falcon',
    authentication_config_key: 'service_user',
    fields: [
      {
        key: 'service_user_id',
        label: 'Service user ID',
        type: 'text',
        required: true,
        secret: false,
        placeholder: 'SERVICE-1234',
      },
      {
        key: 'service_user_token',
        label: 'Service user token',
        type: 'password',
        required: true,
        secret: true,
      },
    ],
    notices: [
      { key: 'perm', type: 'info', description: 'Give the service user **People > Read** permission.' },
    ],
    resources: ['employees', 'time_off', 'employments'],
    api_host: 'api.hibob.com',
  },
  {
    provider: 'personio',
    name: 'Personio',
    category: 'hris',
    color: '#1F2A44',
    initials: 'P',
    integration_id: 'int_personio_client_credentials',
    auth: 'basic',
    config_shape: 'falcon',
    authentication_config_key: 'client_credentials',
    fields: [
      { key: 'client_id', label: 'Client ID', type: 'text', required: true, secret: false },
      { key: 'client_secret', label: 'Client secret', type: 'password', required: true, secret: true },
    ],
    resources: ['employees', 'time_off', 'documents'],
    api_host: 'api.personio.de',
  },
  {
    provider: 'workday',
    name: 'Workday',
    category: 'hris',
    color: '#0875E1',
    initials: 'W',
    integration_id: 'int_workday_oauth',
    auth: 'oauth2',
    config_shape: 'falcon',
    authentication_config_key: 'oauth2',
    fields: [
      {
        key: 'tenant',
        label: 'Tenant',
        type: 'text',
        required: true,
        secret: false,
        placeholder: 'acme_prod',
      },
    ],
    resources: ['employees', 'jobs', 'locations'],
    api_host: 'wd2-impl-services1.workday.com',
  },
  {
    provider: 'greenhouse',
    name: 'Greenhouse',
    category: 'ats',
    color: '#24A47F',
    initials: 'Gh',
    integration_id: 'int_greenhouse_basic',
    auth: 'basic',
    config_shape: 'falcon',
    authentication_config_key: 'basic',
    fields: [
      { key: 'username', label: 'Harvest API key', type: 'password', required: true, secret: true },
      {
        key: 'on_behalf_of',
        label: 'On-Behalf-Of user ID',
        type: 'number',
        required: true,
        secret: false,
        placeholder: '12345',
      },
    ],
    notices: [
      {
        key: 'harvest',
        type: 'warning',
        description: 'Use a key with **Harvest** permissions.',
        anchor: 'username',
      },
    ],
    resources: ['candidates', 'applications', 'jobs'],
    api_host: 'harvest.greenhouse.io',
  },
  {
    provider: 'lever',
    name: 'Lever',
    category: 'ats',
    color: '#2D2D2D',
    initials: 'L',
    integration_id: 'int_lever_oauth',
    auth: 'oauth2',
    config_shape: 'falcon',
    authentication_config_key: 'oauth2',
    fields: [],
    notices: [{ key: 'admin', type: 'info', description: 'You need **Super Admin** rights in Lever.' }],
    resources: ['candidates', 'applications', 'jobs'],
    api_host: 'api.lever.co',
  },
  {
    provider: 'ashby',
    name: 'Ashby',
    category: 'ats',
    color: '#5B4FE9',
    initials: 'A',
    integration_id: 'int_ashby_apikey',
    auth: 'api_key',
    config_shape: 'falcon',
    authentication_config_key: 'api_key',
    fields: [apiKey()],
    resources: ['candidates', 'applications', 'jobs'],
    api_host: 'api.ashbyhq.com',
  },
  {
    provider: 'workable',
    name: 'Workable',
    category: 'ats',
    color: '#00A4A6',
    initials: 'Wk',
    integration_id: 'int_workable_apikey',
    auth: 'api_key',
    config_shape: 'falcon',
    authentication_config_key: 'api_key',
    fields: [subdomain('Account subdomain', 'workable.com'), apiKey('Access token')],
    resources: ['candidates', 'jobs'],
    api_host: 'workable.com',
  },
  {
    provider: 'hubspot',
    name: 'HubSpot',
    category: 'crm',
    color: '#FF7A59',
    initials: 'Hs',
    integration_id: 'int_hubspot_oauth',
    auth: 'oauth2',
    config_shape: 'falcon',
    authentication_config_key: 'oauth2',
    fields: [],
    notices: [{ key: 'admin', type: 'info', description: 'You need **Super Admin** rights in HubSpot.' }],
    resources: ['contacts', 'accounts', 'lists'],
    api_host: 'api.hubapi.com',
  },
  {
    provider: 'salesforce',
    name: 'Salesforce',
    category: 'crm',
    color: '#00A1E0',
    initials: 'Sf',
    integration_id: 'int_salesforce_oauth',
    auth: 'oauth2',
    config_shape: 'falcon',
    authentication_config_key: 'oauth2',
    fields: [],
    resources: ['contacts', 'accounts', 'opportunities'],
    api_host: 'login.salesforce.com',
  },
  {
    provider: 'pipedrive',
    name: 'Pipedrive',
    category: 'crm',
    color: '#1A1A1A',
    initials: 'Pd',
    integration_id: 'int_pipedrive_apikey',
    auth: 'api_key',
    config_shape: 'falcon',
    authentication_config_key: 'api_key',
    fields: [apiKey('API token')],
    resources: ['contacts', 'accounts', 'deals'],
    api_host: 'api.pipedrive.com',
  },
  {
    provider: 'okta',
    name: 'Okta',
    category: 'iam',
    color: '#007DC1',
    initials: 'O',
    integration_id: 'int_okta_apikey',
    auth: 'api_key',
    config_shape: 'falcon',
    authentication_config_key: 'api_key',
    fields: [
      {
        key: 'domain',
        label: 'Okta domain',
        type: 'text',
        required: true,
        secret: false,
        placeholder: 'acme.okta.com',
        validation: { type: 'domain', pattern: 'okta', error: 'Enter your okta.com domain' },
      },
      apiKey('API token'),
    ],
    resources: ['users', 'groups', 'roles'],
    api_host: 'okta.com',
  },
  {
    provider: 'azuread',
    name: 'Microsoft Entra ID',
    category: 'iam',
    color: '#0078D4',
    initials: 'Me',
    integration_id: 'int_azuread_oauth',
    auth: 'oauth2',
    config_shape: 'falcon',
    authentication_config_key: 'oauth2',
    fields: [],
    resources: ['users', 'groups'],
    api_host: 'graph.microsoft.com',
  },
  {
    provider: 'docebo',
    name: 'Docebo',
    category: 'lms',
    color: '#6DB33F',
    initials: 'D',
    integration_id: 'int_docebo_basic',
    auth: 'basic',
    config_shape: 'falcon',
    authentication_config_key: 'basic',
    fields: [
      subdomain('Platform subdomain', 'docebosaas.com'),
      { key: 'username', label: 'Username', type: 'text', required: true, secret: false },
      { key: 'password', label: 'Password', type: 'password', required: true, secret: true },
    ],
    resources: ['courses', 'users', 'completions'],
    api_host: 'docebosaas.com',
  },
  {
    provider: 'talentlms',
    name: 'TalentLMS',
    category: 'lms',
    color: '#F36F21',
    initials: 'T',
    integration_id: 'int_talentlms_apikey',
    auth: 'api_key',
    config_shape: 'falcon',
    authentication_config_key: 'api_key',
    fields: [subdomain('Domain', 'talentlms.com'), apiKey()],
    resources: ['courses', 'users'],
    api_host: 'talentlms.com',
  },
  {
    provider: 'zendesk',
    name: 'Zendesk',
    category: 'ticketing',
    color: '#03363D',
    initials: 'Z',
    integration_id: 'int_zendesk_apikey',
    auth: 'api_key',
    config_shape: 'falcon',
    authentication_config_key: 'api_key',
    fields: [
      subdomain('Subdomain', 'zendesk.com'),
      { key: 'email', label: 'Agent email', type: 'text', required: true, secret: false },
      apiKey('API token'),
    ],
    resources: ['tickets', 'users', 'comments'],
    api_host: 'zendesk.com',
  },
  {
    provider: 'jira',
    name: 'Jira',
    category: 'ticketing',
    color: '#0052CC',
    initials: 'J',
    integration_id: 'int_jira_oauth',
    auth: 'oauth2',
    config_shape: 'falcon',
    authentication_config_key: 'oauth2',
    fields: [],
    resources: ['tickets', 'projects', 'users'],
    api_host: 'api.atlassian.com',
  },
];

const byProvider = new Map(CONNECTORS.map((c) => [c.provider, c]));
const byIntegration = new Map(CONNECTORS.map((c) => [c.integration_id, c]));

export const findConnector = (provider: string): Connector | undefined => byProvider.get(provider);
export const findConnectorByIntegration = (integrationId: string): Connector | undefined =>
  byIntegration.get(integrationId);

/** Whether a field counts as secret, by the Hub's own rule: secret unless `secret: false`, passwords always. */
export const isSecretField = (field: ConnectorField): boolean =>
  field.secret !== false || field.type === 'password';
