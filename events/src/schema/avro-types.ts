/**
 * Type-level reading of an Avro schema, so each event's TypeScript type is derived from its one
 * Avro schema and never written twice by hand. Supported: primitives, inline records, enums,
 * arrays, maps and unions. Named-type references by string are deliberately not supported:
 * our schemas inline every nested type so each stays standalone for analytics teams.
 */

interface AvroPrimitives {
  null: null;
  boolean: boolean;
  int: number;
  long: number;
  float: number;
  double: number;
  bytes: Buffer;
  string: string;
}

export type AvroPrimitiveName = keyof AvroPrimitives;

export interface AvroField {
  readonly name: string;
  readonly type: AvroSchema;
  readonly doc?: string;
  readonly default?: unknown;
  /** Personal data: the write side encrypts it; it travels as ciphertext and reads as erased once the key is gone. */
  readonly 'chartline.personal'?: boolean;
}

export interface AvroRecordSchema {
  readonly type: 'record';
  readonly name: string;
  readonly namespace?: string;
  readonly doc?: string;
  readonly fields: readonly AvroField[];
}

export interface AvroEnumSchema {
  readonly type: 'enum';
  readonly name: string;
  readonly symbols: readonly string[];
  readonly doc?: string;
  readonly default?: string;
}

export interface AvroArraySchema {
  readonly type: 'array';
  readonly items: AvroSchema;
}

export interface AvroMapSchema {
  readonly type: 'map';
  readonly values: AvroSchema;
}

export interface AvroLogicalSchema {
  readonly type: AvroPrimitiveName;
  readonly logicalType?: string;
}

export type AvroSchema =
  | AvroPrimitiveName
  | AvroRecordSchema
  | AvroEnumSchema
  | AvroArraySchema
  | AvroMapSchema
  | AvroLogicalSchema
  | readonly AvroSchema[];

type Simplify<T> = { [K in keyof T]: T[K] } & {};

type IsNullable<S> = S extends readonly (infer U)[] ? ('null' extends U ? true : false) : false;

type RequiredFields<F extends readonly AvroField[]> = {
  [K in F[number] as IsNullable<K['type']> extends true ? never : K['name']]: AvroToTs<K['type']>;
};

type OptionalFields<F extends readonly AvroField[]> = {
  [K in F[number] as IsNullable<K['type']> extends true ? K['name'] : never]?: AvroToTs<K['type']>;
};

/** The TypeScript value type of an Avro schema. Nullable record fields become optional. */
export type AvroToTs<S> = S extends AvroPrimitiveName
  ? AvroPrimitives[S]
  : S extends readonly (infer U)[]
    ? AvroToTs<U>
    : S extends { readonly type: 'record'; readonly fields: infer F extends readonly AvroField[] }
      ? Simplify<RequiredFields<F> & OptionalFields<F>>
      : S extends { readonly type: 'enum'; readonly symbols: readonly (infer E)[] }
        ? E
        : S extends { readonly type: 'array'; readonly items: infer I }
          ? AvroToTs<I>[]
          : S extends { readonly type: 'map'; readonly values: infer V }
            ? Record<string, AvroToTs<V>>
            : S extends { readonly type: infer P extends AvroPrimitiveName }
              ? AvroPrimitives[P]
              : never;
