import path from 'node:path';
import { z } from 'zod';

/** Two minutes: generous for clocks kept by NTP, far short of a wrong day or time zone. */
export const WEBHOOK_FUTURE_MARGIN_DEFAULT = 120;

/** Everything the server reads from its environment, validated once at start. */
const environmentSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  DATABASE_URL: z.string().url().optional(),
  /** The role that owns the schema and runs the migrations; the app itself runs as DATABASE_URL's role. */
  DATABASE_OWNER_URL: z.string().url().optional(),
  /** A read replica for the read paths that tolerate replication lag (README); default the primary, DATABASE_URL. */
  DATABASE_READ_URL: z.string().url().optional(),
  /** Named (prepared) statements; `false` behind a connection pooler in transaction mode that cannot keep them. */
  DATABASE_PREPARED_STATEMENTS: z.enum(['true', 'false']).default('true'),
  /** 32 bytes as 64 hex characters; encrypts key-safe codes and TOTP secrets at rest. */
  SECRET_KEY: z
    .string()
    .regex(/^[0-9a-f]{64}$/i, 'SECRET_KEY must be 64 hexadecimal characters (32 bytes)')
    .optional(),
  DATA_DIR: z.string().default('data'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SEED_DEMO: z.enum(['true', 'false']).default('true'),
  /** Behind a load balancer: the number of proxy hops whose X-Forwarded-* headers are trusted. */
  TRUST_PROXY_HOPS: z.coerce.number().int().min(0).max(5).default(0),
  /**
   * How far ahead of the server's clock a webhook alarm's occurredAt may lie. A setting of the
   * installation, not of an alliance: it allows for the skew between this server's clock and the
   * alarm centres' clocks, whoever's alarms they carry.
   */
  WEBHOOK_FUTURE_MARGIN_SECONDS: z.coerce.number().int().min(0).max(3600).default(WEBHOOK_FUTURE_MARGIN_DEFAULT),
  /** `auto`: the session cookie is Secure when the request came over TLS (seen through the trusted proxies); `true` always; `false` never. */
  COOKIE_SECURE: z.enum(['auto', 'true', 'false']).default('auto'),
  /** Failed logins on one account (known or not) before each further one adds a growing delay. */
  LOGIN_ACCOUNT_FAILURES: z.coerce.number().int().min(1).max(100).default(5),
  /** Failed logins from one address before growing delays; higher, as an office may share one address. */
  LOGIN_SOURCE_FAILURES: z.coerce.number().int().min(1).max(10_000).default(30),
  /** How often the audit chain heads are anchored in a signed checkpoint outside the database. */
  AUDIT_CHECKPOINT_SECONDS: z.coerce.number().int().min(1).max(86_400).default(60),
  /** The DC-09 receiver's TCP and UDP port; 0 picks a free one. */
  DC09_PORT: z.coerce.number().int().min(0).max(65535).default(9104),
  /** The alliance whose alarms the DC-09 receiver takes in; default the oldest (the demo region). */
  DC09_ALLIANCE_ID: z.uuid('DC09_ALLIANCE_ID must be an alliance id (a UUID)').optional(),
  /** The mail server, `smtp://` or `smtps://` with optional user:password; unset: mail is only recorded in the outbox (demo). */
  SMTP_URL: z
    .url({ protocol: /^smtps?$/, error: 'SMTP_URL must be an smtp:// or smtps:// URL' })
    .optional(),
  /** The sender of platform mail. */
  MAIL_FROM: z.string().min(3).default('Samenzorg <noreply@samenzorg.invalid>'),
  /** The address citizens reach the web app at, for the links in mail; never taken from a request's Host header. */
  PUBLIC_URL: z.url({ protocol: /^https?$/, error: 'PUBLIC_URL must be an http:// or https:// URL' }).optional(),
  /** Web Push: how the push services reach the operator, and the VAPID key pair (base64url); unset, a pair is made once and kept in the database. */
  VAPID_SUBJECT: z.string().regex(/^(mailto:|https:\/\/)/, 'VAPID_SUBJECT is a mailto: or https: URL').optional(),
  VAPID_PUBLIC_KEY: z.string().regex(/^[A-Za-z0-9_-]{80,100}$/, 'VAPID_PUBLIC_KEY is a base64url P-256 public key').optional(),
  VAPID_PRIVATE_KEY: z.string().regex(/^[A-Za-z0-9_-]{40,50}$/, 'VAPID_PRIVATE_KEY is a base64url P-256 private key').optional(),
  /** The FHIR client import may reach private, loopback and link-local addresses (a closed network, a test rig); off by default. */
  FHIR_IMPORT_ALLOW_PRIVATE: z.enum(['true', 'false']).default('false'),
  /** The alliance's own OSRM server for the route planner's travel times; unset, the offline estimate is used. */
  OSRM_URL: z.url({ protocol: /^https?$/, error: 'OSRM_URL must be an http:// or https:// URL' }).optional(),
  /** The OSRM profile the server was prepared with (`driving` for car.lua). */
  OSRM_PROFILE: z.string().regex(/^[a-z0-9_-]{1,40}$/, 'OSRM_PROFILE is a profile name such as driving').default('driving'),
  /** The server's --max-table-size; larger matrices are fetched in tiles. */
  OSRM_MAX_TABLE_SIZE: z.coerce.number().int().min(2).max(100_000).default(100),
  /** The bearer token Prometheus sends to GET /metrics; unset, /metrics answers only on loopback. */
  METRICS_TOKEN: z.string().min(16, 'METRICS_TOKEN must be at least 16 characters').optional(),
}).refine((env) => env.DATABASE_READ_URL === undefined || env.DATABASE_URL !== undefined, {
  // The embedded PostgreSQL has no replica: a read URL beside it would read another database.
  message: 'DATABASE_READ_URL needs DATABASE_URL (the primary) to be set too',
  path: ['DATABASE_READ_URL'],
}).refine((e) => (e.VAPID_PUBLIC_KEY === undefined) === (e.VAPID_PRIVATE_KEY === undefined), { path: ['VAPID_PRIVATE_KEY'], message: 'Set VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY together' });

export interface Config {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  databaseOwnerUrl: string | undefined;
  databaseReadUrl: string | undefined;
  databasePreparedStatements: boolean;
  secretKey: string | undefined;
  dataDir: string;
  logLevel: string;
  seedDemo: boolean;
  trustProxyHops: number;
  webhookFutureMarginSeconds: number;
  cookieSecure: 'auto' | 'true' | 'false';
  loginAccountFailures: number;
  loginSourceFailures: number;
  auditCheckpointSeconds: number;
  dc09Port: number;
  dc09AllianceId: string | undefined;
  smtpUrl: string | undefined;
  mailFrom: string;
  /** Without PUBLIC_URL: the address the server listens on. */
  publicUrl: string;
  push: { subject?: string; keys?: { publicKey: string; privateKey: string } };
  /** The planner's OSRM server, when one is configured. */
  osrm: { baseUrl: string; profile: string; maxTableSize: number } | undefined;
  metricsToken: string | undefined;
  fhirImportAllowPrivate: boolean;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = environmentSchema.parse(env);
  return {
    port: parsed.PORT,
    host: parsed.HOST,
    databaseUrl: parsed.DATABASE_URL,
    databaseOwnerUrl: parsed.DATABASE_OWNER_URL,
    databaseReadUrl: parsed.DATABASE_READ_URL,
    databasePreparedStatements: parsed.DATABASE_PREPARED_STATEMENTS === 'true',
    secretKey: parsed.SECRET_KEY,
    dataDir: path.resolve(parsed.DATA_DIR),
    logLevel: parsed.LOG_LEVEL,
    seedDemo: parsed.SEED_DEMO === 'true',
    trustProxyHops: parsed.TRUST_PROXY_HOPS,
    webhookFutureMarginSeconds: parsed.WEBHOOK_FUTURE_MARGIN_SECONDS,
    cookieSecure: parsed.COOKIE_SECURE,
    loginAccountFailures: parsed.LOGIN_ACCOUNT_FAILURES,
    loginSourceFailures: parsed.LOGIN_SOURCE_FAILURES,
    auditCheckpointSeconds: parsed.AUDIT_CHECKPOINT_SECONDS,
    dc09Port: parsed.DC09_PORT,
    push: {
      ...(parsed.VAPID_SUBJECT ? { subject: parsed.VAPID_SUBJECT } : {}),
      ...(parsed.VAPID_PUBLIC_KEY && parsed.VAPID_PRIVATE_KEY ? { keys: { publicKey: parsed.VAPID_PUBLIC_KEY, privateKey: parsed.VAPID_PRIVATE_KEY } } : {}),
    },
    dc09AllianceId: parsed.DC09_ALLIANCE_ID,
    smtpUrl: parsed.SMTP_URL,
    mailFrom: parsed.MAIL_FROM,
    metricsToken: parsed.METRICS_TOKEN,
    fhirImportAllowPrivate: parsed.FHIR_IMPORT_ALLOW_PRIVATE === 'true',
    publicUrl: (parsed.PUBLIC_URL ?? `http://${parsed.HOST === '0.0.0.0' ? 'localhost' : parsed.HOST}:${parsed.PORT}`).replace(/\/+$/, ''),
    osrm: parsed.OSRM_URL ? { baseUrl: parsed.OSRM_URL.replace(/\/+$/, ''), profile: parsed.OSRM_PROFILE, maxTableSize: parsed.OSRM_MAX_TABLE_SIZE } : undefined,
  };
}
