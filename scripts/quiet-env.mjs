// Telemetry and update checks off for every tool the repository's scripts run (turbo, redocly).
export const QUIET_ENV = { TURBO_TELEMETRY_DISABLED: '1', DO_NOT_TRACK: '1', REDOCLY_TELEMETRY: 'off', TURBO_NO_UPDATE_NOTIFIER: '1' };
