/**
 * The inventory module's commands as deciders see them: ids, the instant and the hospital's local
 * date already chosen at the edge, the sender's id carried for the witness rules.
 */

/** A witness as the edge authenticated them: their token's subject and the role they acted in. */
export interface Witness {
  readonly id: string;
  readonly role: string;
}

export type ItemCategory = 'medicine' | 'consumable' | 'reagent' | 'equipment';
export type LocationKind = 'central_store' | 'pharmacy' | 'ward_store';

export interface DefineItem {
  readonly type: 'DefineItem';
  readonly itemId: string;
  readonly code: string;
  readonly name: string;
  readonly unitOfMeasure: string;
  readonly packSize: number;
  readonly category: ItemCategory;
  readonly batchTracked: boolean;
  readonly controlledSubstance: boolean;
  readonly at: string;
}

/** The changeable description of an item; null: leave as it is. The code never changes. */
export interface UpdateItem {
  readonly type: 'UpdateItem';
  readonly itemId: string;
  readonly name: string | null;
  readonly unitOfMeasure: string | null;
  readonly packSize: number | null;
  readonly category: ItemCategory | null;
  readonly batchTracked: boolean | null;
  readonly controlledSubstance: boolean | null;
  readonly at: string;
}

export interface DefineLocation {
  readonly type: 'DefineLocation';
  readonly locationId: string;
  readonly code: string;
  readonly name: string;
  readonly kind: LocationKind;
  readonly wardId: string | null;
  readonly at: string;
}

export interface SetStockLevels {
  readonly type: 'SetStockLevels';
  readonly itemId: string;
  readonly locationId: string;
  readonly reorderLevel: number;
  readonly maximumLevel: number | null;
  readonly at: string;
}

export interface ReceiveStock {
  readonly type: 'ReceiveStock';
  readonly receiptId: string;
  readonly lotId: string;
  readonly itemId: string;
  readonly locationId: string;
  readonly lotNumber: string | null;
  readonly expiryDate: string | null;
  readonly quantity: number;
  readonly unitCostMinor: number;
  readonly supplier: string;
  readonly at: string;
}

export type IssueDestination =
  | { readonly kind: 'ward'; readonly wardId: string }
  | { readonly kind: 'patient'; readonly patientId: string; readonly stayId: string };

export interface IssueStock {
  readonly type: 'IssueStock';
  readonly issueId: string;
  readonly itemId: string;
  readonly locationId: string;
  readonly quantity: number;
  readonly destination: IssueDestination;
  /** The authenticated second person, or null when none was sent. */
  readonly witness: Witness | null;
  /** Who sends the command (the token's subject): never their own witness. */
  readonly issuerId: string;
  readonly at: string;
}

export interface DispatchTransfer {
  readonly type: 'DispatchTransfer';
  readonly transferId: string;
  readonly itemId: string;
  readonly fromLocationId: string;
  readonly toLocationId: string;
  readonly quantity: number;
  readonly at: string;
}

export interface ReceiveTransfer {
  readonly type: 'ReceiveTransfer';
  readonly transferId: string;
  /** Units received per lot; null: everything dispatched arrived. */
  readonly lots: readonly { readonly lotId: string; readonly quantity: number }[] | null;
  readonly discrepancyReason: string | null;
  readonly at: string;
}

export type AdjustmentReason = 'count_difference' | 'damaged' | 'theft' | 'found' | 'entry_error' | 'other';

export interface AdjustStock {
  readonly type: 'AdjustStock';
  readonly adjustmentId: string;
  readonly itemId: string;
  readonly locationId: string;
  readonly lotId: string;
  readonly countedQuantity: number;
  readonly reason: AdjustmentReason;
  readonly note: string | null;
  readonly at: string;
}

export type ReturnReason = 'recalled' | 'damaged' | 'wrong_item' | 'near_expiry' | 'overstock' | 'other';

export interface ReturnToVendor {
  readonly type: 'ReturnToVendor';
  readonly returnId: string;
  readonly itemId: string;
  readonly locationId: string;
  readonly lotId: string;
  readonly quantity: number;
  readonly supplier: string;
  readonly reason: ReturnReason;
  readonly at: string;
}

export type DisposalReason = 'expired' | 'damaged' | 'recalled' | 'other';

export interface DisposeStock {
  readonly type: 'DisposeStock';
  readonly disposalId: string;
  readonly itemId: string;
  readonly locationId: string;
  readonly lotId: string;
  readonly quantity: number;
  readonly reason: DisposalReason;
  /** The authenticated second person, or null when none was sent (refused: a disposal always needs one). */
  readonly witness: Witness | null;
  readonly requesterId: string;
  readonly at: string;
}

export interface SweepExpiry {
  readonly type: 'SweepExpiry';
  readonly itemId: string;
  readonly locationId: string;
  /**
   * The hospital's local date the sweep is for (YYYY-MM-DD), or null for the local date at `at`
   * in the hospital's time zone (what the daily CronJob sends). Never read from a clock.
   */
  readonly date: string | null;
  readonly at: string;
}
