/** Word lists for plausible file names and metadata, shared by the data generators. */
export const SUBJECTS = [
  'product-launch', 'team-offsite', 'city-timelapse', 'interview', 'keynote', 'tutorial', 'podcast',
  'customer-story', 'drone-coast', 'kitchen-demo', 'warehouse-tour', 'spring-campaign', 'logo',
  'banner', 'headshot', 'webinar', 'trailer', 'b-roll', 'voiceover', 'jingle', 'lookbook', 'unboxing',
] as const;

export const QUALIFIERS = ['final', 'v2', 'draft', 'raw', 'edit', 'hd', '4k', 'cut', 'master', 'approved'] as const;

export const PRODUCTS = ['HooliDocs', 'Pied Piper', 'Nucleus', 'Hooli Phone', 'EndFrame'] as const;
export const REGIONS = ['EMEA', 'NA', 'APAC', 'LATAM'] as const;
export const CHANNELS = ['E-Commerce', 'Social', 'Print', 'Broadcast', 'Email'] as const;
export const TAGS = ['outdoor', 'people', 'product', 'night', 'studio', 'nature', 'office', 'food'] as const;
