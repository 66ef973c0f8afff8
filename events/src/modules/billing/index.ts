import { AccountOpened } from './account-opened.js';
import { AdjustmentApproved } from './adjustment-approved.js';
import { AdjustmentRequested } from './adjustment-requested.js';
import { CashierShiftClosed } from './cashier-shift-closed.js';
import { CashierShiftOpened } from './cashier-shift-opened.js';
import { ChargeCaptured } from './charge-captured.js';
import { ChargeMarkedNotBillable } from './charge-marked-not-billable.js';
import { ChargeVoided } from './charge-voided.js';
import { ClaimAdjudicated } from './claim-adjudicated.js';
import { ClaimSubmitted } from './claim-submitted.js';
import { CoverageRecorded } from './coverage-recorded.js';
import { CreditNoteIssued } from './credit-note-issued.js';
import { InvoiceIssued } from './invoice-issued.js';
import { InvoiceNumberAllocated } from './invoice-number-allocated.js';
import { PayerRegistered } from './payer-registered.js';
import { PaymentAllocated } from './payment-allocated.js';
import { PaymentReceived } from './payment-received.js';
import { RefundPaidOut } from './refund-paid-out.js';
import { RemittancePosted } from './remittance-posted.js';
import { ServicePriceSet } from './service-price-set.js';
import { ShiftMoneyRecorded } from './shift-money-recorded.js';
import { StayDischargeRecorded } from './stay-discharge-recorded.js';
import { StayWardRecorded } from './stay-ward-recorded.js';

export {
  AccountOpened,
  AdjustmentApproved,
  AdjustmentRequested,
  CashierShiftClosed,
  CashierShiftOpened,
  ChargeCaptured,
  ChargeMarkedNotBillable,
  ChargeVoided,
  ClaimAdjudicated,
  ClaimSubmitted,
  CoverageRecorded,
  CreditNoteIssued,
  InvoiceIssued,
  InvoiceNumberAllocated,
  PayerRegistered,
  PaymentAllocated,
  PaymentReceived,
  RefundPaidOut,
  RemittancePosted,
  ServicePriceSet,
  ShiftMoneyRecorded,
  StayDischargeRecorded,
  StayWardRecorded,
};

/** The billing module's event definitions. */
export const billingEvents = [
  ServicePriceSet,
  PayerRegistered,
  InvoiceNumberAllocated,
  CashierShiftOpened,
  ShiftMoneyRecorded,
  CashierShiftClosed,
  AccountOpened,
  StayWardRecorded,
  StayDischargeRecorded,
  ChargeCaptured,
  ChargeMarkedNotBillable,
  ChargeVoided,
  InvoiceIssued,
  CreditNoteIssued,
  PaymentReceived,
  PaymentAllocated,
  AdjustmentRequested,
  AdjustmentApproved,
  RefundPaidOut,
  CoverageRecorded,
  ClaimSubmitted,
  ClaimAdjudicated,
  RemittancePosted,
] as const;
