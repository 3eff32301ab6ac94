import type { ValueTransformer } from 'typeorm';

/** numeric(16,2) arrives as a string (exact decimal); the API speaks numbers */
export const decimal: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | number | null) => (value === null || value === undefined ? null : Number(value)),
};

/** `date` columns as 'YYYY-MM-DD' whatever the driver parses them into */
export const dateOnly: ValueTransformer = {
  to: (value: string | null | undefined) => value,
  from: (value: string | Date | null) => {
    if (value === null || value === undefined) return null;
    if (typeof value === 'string') return value.slice(0, 10);
    const pad = (n: number) => String(n).padStart(2, '0');
    return `${value.getFullYear()}-${pad(value.getMonth() + 1)}-${pad(value.getDate())}`;
  },
};

export const timestamps = {
  createdAt: { name: 'created_at', type: 'timestamptz', default: () => 'now()' },
  updatedAt: { name: 'updated_at', type: 'timestamptz', default: () => 'now()' },
} as const;
