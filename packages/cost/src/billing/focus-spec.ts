/**
 * The FOCUS columns of versions 1.0, 1.1 and 1.2 as data: when each was introduced, its feature
 * level, whether it allows nulls, its data type and its allowed values. Taken from the column
 * definitions of the FOCUS specification ("Content constraints" of each column): 1.0 defines 43
 * columns, 1.1 adds 7 (50), 1.2 adds 7 more (57). The mandatory columns and the allowed values of
 * the columns below did not change between these versions.
 */

/** FOCUS versions `pt cost validate` checks against. */
export const FOCUS_VERSIONS = ['1.0', '1.1', '1.2'] as const;
export type FocusVersion = (typeof FOCUS_VERSIONS)[number];

/** `decimal`: FOCUS Numeric Format; `datetime`: ISO 8601 in UTC; `json`: a JSON object; `currency`: ISO 4217. */
export type FocusDataType = 'string' | 'decimal' | 'datetime' | 'json' | 'currency';
export type FeatureLevel = 'mandatory' | 'recommended' | 'conditional';

export interface FocusColumnSpec {
  readonly name: string;
  readonly introduced: FocusVersion;
  readonly level: FeatureLevel;
  readonly nullable: boolean;
  readonly type: FocusDataType;
  /** The only values allowed (exact, case-sensitive), when the specification lists them. */
  readonly allowed?: readonly string[];
}

const SERVICE_CATEGORIES = [
  'AI and Machine Learning',
  'Analytics',
  'Business Applications',
  'Compute',
  'Databases',
  'Developer Tools',
  'Multicloud',
  'Identity',
  'Integration',
  'Internet of Things',
  'Management and Governance',
  'Media',
  'Migration',
  'Mobile',
  'Networking',
  'Security',
  'Storage',
  'Web',
  'Other',
] as const;

const col = (
  name: string,
  introduced: FocusVersion,
  level: FeatureLevel,
  nullable: boolean,
  type: FocusDataType,
  allowed?: readonly string[],
): FocusColumnSpec => ({ name, introduced, level, nullable, type, ...(allowed === undefined ? {} : { allowed }) });

/** Every column of FOCUS 1.0–1.2. */
export const FOCUS_SPEC_COLUMNS: readonly FocusColumnSpec[] = [
  col('AvailabilityZone', '1.0', 'recommended', true, 'string'),
  col('BilledCost', '1.0', 'mandatory', false, 'decimal'),
  col('BillingAccountId', '1.0', 'mandatory', false, 'string'),
  col('BillingAccountName', '1.0', 'mandatory', true, 'string'),
  col('BillingCurrency', '1.0', 'mandatory', false, 'currency'),
  col('BillingPeriodEnd', '1.0', 'mandatory', false, 'datetime'),
  col('BillingPeriodStart', '1.0', 'mandatory', false, 'datetime'),
  col('ChargeCategory', '1.0', 'mandatory', false, 'string', ['Usage', 'Purchase', 'Tax', 'Credit', 'Adjustment']),
  col('ChargeClass', '1.0', 'mandatory', true, 'string', ['Correction']),
  col('ChargeDescription', '1.0', 'mandatory', true, 'string'),
  col('ChargeFrequency', '1.0', 'recommended', false, 'string', ['One-Time', 'Recurring', 'Usage-Based']),
  col('ChargePeriodEnd', '1.0', 'mandatory', false, 'datetime'),
  col('ChargePeriodStart', '1.0', 'mandatory', false, 'datetime'),
  col('CommitmentDiscountCategory', '1.0', 'conditional', true, 'string', ['Spend', 'Usage']),
  col('CommitmentDiscountId', '1.0', 'conditional', true, 'string'),
  col('CommitmentDiscountName', '1.0', 'conditional', true, 'string'),
  col('CommitmentDiscountStatus', '1.0', 'conditional', true, 'string', ['Used', 'Unused']),
  col('CommitmentDiscountType', '1.0', 'conditional', true, 'string'),
  col('ConsumedQuantity', '1.0', 'conditional', true, 'decimal'),
  col('ConsumedUnit', '1.0', 'conditional', true, 'string'),
  col('ContractedCost', '1.0', 'mandatory', false, 'decimal'),
  col('ContractedUnitPrice', '1.0', 'conditional', true, 'decimal'),
  col('EffectiveCost', '1.0', 'mandatory', false, 'decimal'),
  col('InvoiceIssuerName', '1.0', 'mandatory', false, 'string'),
  col('ListCost', '1.0', 'mandatory', false, 'decimal'),
  col('ListUnitPrice', '1.0', 'conditional', true, 'decimal'),
  col('PricingCategory', '1.0', 'conditional', true, 'string', ['Standard', 'Dynamic', 'Committed', 'Other']),
  col('PricingQuantity', '1.0', 'mandatory', true, 'decimal'),
  col('PricingUnit', '1.0', 'mandatory', true, 'string'),
  col('ProviderName', '1.0', 'mandatory', false, 'string'),
  col('PublisherName', '1.0', 'mandatory', false, 'string'),
  col('RegionId', '1.0', 'conditional', true, 'string'),
  col('RegionName', '1.0', 'conditional', true, 'string'),
  col('ResourceId', '1.0', 'conditional', true, 'string'),
  col('ResourceName', '1.0', 'conditional', true, 'string'),
  col('ResourceType', '1.0', 'conditional', true, 'string'),
  col('ServiceCategory', '1.0', 'mandatory', false, 'string', SERVICE_CATEGORIES),
  col('ServiceName', '1.0', 'mandatory', false, 'string'),
  col('SkuId', '1.0', 'conditional', true, 'string'),
  col('SkuPriceId', '1.0', 'conditional', true, 'string'),
  col('SubAccountId', '1.0', 'conditional', true, 'string'),
  col('SubAccountName', '1.0', 'conditional', true, 'string'),
  col('Tags', '1.0', 'conditional', true, 'json'),
  // 1.1
  col('CapacityReservationId', '1.1', 'conditional', true, 'string'),
  col('CapacityReservationStatus', '1.1', 'conditional', true, 'string', ['Used', 'Unused']),
  col('CommitmentDiscountQuantity', '1.1', 'conditional', true, 'decimal'),
  col('CommitmentDiscountUnit', '1.1', 'conditional', true, 'string'),
  col('ServiceSubcategory', '1.1', 'recommended', false, 'string'),
  col('SkuMeter', '1.1', 'conditional', true, 'string'),
  col('SkuPriceDetails', '1.1', 'conditional', true, 'json'),
  // 1.2
  col('BillingAccountType', '1.2', 'conditional', true, 'string'),
  col('SubAccountType', '1.2', 'conditional', true, 'string'),
  col('InvoiceId', '1.2', 'recommended', true, 'string'),
  col('PricingCurrency', '1.2', 'conditional', true, 'string'),
  col('PricingCurrencyContractedUnitPrice', '1.2', 'conditional', true, 'decimal'),
  col('PricingCurrencyEffectiveCost', '1.2', 'conditional', true, 'decimal'),
  col('PricingCurrencyListUnitPrice', '1.2', 'conditional', true, 'decimal'),
];

const ORDER: Readonly<Record<FocusVersion, number>> = { '1.0': 0, '1.1': 1, '1.2': 2 };

/** The columns of one FOCUS version. */
export function focusColumnsOf(version: FocusVersion): FocusColumnSpec[] {
  return FOCUS_SPEC_COLUMNS.filter((c) => ORDER[c.introduced] <= ORDER[version]);
}

/**
 * The version a file's header claims: FOCUS data carries its version only in separate metadata,
 * so the newest version whose added columns the header has (1.0 when it has none of them).
 */
export function inferFocusVersion(header: readonly string[]): FocusVersion {
  const names = new Set(header.map((h) => h.replace(/^\uFEFF/, '')));
  let version: FocusVersion = '1.0';
  for (const c of FOCUS_SPEC_COLUMNS)
    if (names.has(c.name) && ORDER[c.introduced] > ORDER[version]) version = c.introduced;
  return version;
}

/** Columns whose nulls follow ChargeCategory: not null for Usage and Purchase (not corrections), null for Tax. */
export const PRICING_COLUMNS = ['PricingQuantity', 'PricingUnit'] as const;
