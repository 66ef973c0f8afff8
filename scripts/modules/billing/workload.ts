import type { Role } from '@chartline/kernel';
import {
  type BodyValue,
  createdRef,
  type DischargingStay,
  type ModuleWorkloadFactory,
  type Person,
  ref,
} from '../../generate/hospital-world.js';

/** Every ward specialty the admissions plug-in uses, so every bed-day has a price. */
const SPECIALTIES = ['medical', 'surgical', 'paediatric', 'maternity', 'intensive_care', 'psychiatric', 'other'];
const CONSULTATION = { serviceCode: 'consultation', price: 5_000 };
const FLOAT = 20_000;
/** Lab tests by the order the laboratory defines them: 15.00, 20.00, 25.00, 30.00… */
const labPrice = (index: number) => 1_500 + 500 * index;
/** Stock items are priced at the issued lot's cost plus 25 %, with 5 % tax. */
const STOCK_MARKUP_BP = 2_500;
const STOCK_TAX_BP = 500;
/** A refund case pays a deposit this much above the consultation; the excess is refunded. */
const DEPOSIT_EXCESS = 5_000;

/**
 * What an outpatient visit goes through after the consultation (and, for some, a lab test) is
 * charged, in turn: paid at once; a lab line credited (not done) and voided; a hardship discount;
 * a deposit, allocated, its excess refunded; an insurer's claim partly approved, the rest paid by
 * the patient; a claim denied, part paid by card and the rest written off.
 */
const CASES = ['paid', 'credited', 'discounted', 'refunded', 'claimed', 'denied'] as const;
type Case = (typeof CASES)[number];
const WITH_LAB: ReadonlySet<Case> = new Set(['credited', 'discounted', 'claimed']);

/**
 * The billing module's share of a simulated hospital. Day 0: the hospital's discharge policy is
 * `warn` (stays are billed after discharge, so a discharge with unbilled charges goes through and
 * records them), and the supervisor sets the price list — a bed-day per ward specialty, an
 * outpatient consultation, each lab test the laboratory defines, each stock item at cost plus
 * markup — and registers a payer. Charge capture then charges stays their bed-days, lab orders and
 * stock issues. Each day a cashier opens a shift at 07:30; every third arriving patient is seen as
 * an outpatient at 11:00 and goes through one of CASES in turn (credit notes, discounts, deposits,
 * refunds, claims, write-offs: a refund, discount or write-off is requested by one person and
 * approved by the billing supervisor); the shift closes at 19:00 with the cash counted exactly.
 * Stays are not invoiced here: their charges come from charge capture, which a workload may run
 * without (the bench's command API alone), so a step waiting on them could not be made valid.
 * It draws nothing from world.random (other modules' streams stay as they were).
 */
export const billingWorkload: ModuleWorkloadFactory = (world) => {
  let arrivals = 0;
  let visitsSeen = 0;
  let named = 0;
  // Own names and no clock moves: world.name's counter and world.minute are shared, and moving them
  // would change every other module's steps for a pinned seed.
  const name = (kind: string) => `${world.hospitalId}/billing-${kind}-${++named}`;
  const visits: Person[] = [];
  let shiftRef = '';
  let payerRef = '';
  let cash = 0;
  const send = (role: Role, command: string, body: Record<string, BodyValue>, save: object = {}) =>
    world.step({ role, module: 'billing', command, body, ...save });
  const labs = () => world.labTests.map((code, i) => ({ serviceCode: `lab:${code}`, price: labPrice(i) }));
  const stayBilling = world.options.stayBilling;
  const refuses = stayBilling?.refuseIn?.includes(world.hospitalId) ?? false;
  let staysBilled = 0;

  /**
   * Where the hospital refuses a discharge with unbilled charges: the physician's discharge
   * consultation is charged to the stay (once charge capture has opened its account), every third
   * stay's discharge is first tried and refused by the guard, then the clerk invoices the stay's
   * unbilled charges and the patient pays the consultation in cash. Should charge capture add a
   * lab order or stock issue between the invoice and the discharge, the discharge is refused again
   * and the clerk invoices that too (the remedy).
   */
  const billBeforeDischarge = (stay: DischargingStay) => {
    const accountId = ref(stay.stayRef);
    send(
      'billing_clerk',
      'capture-charge',
      { accountId, serviceCode: CONSULTATION.serviceCode },
      {
        awaits: ['account-not-found'],
      },
    );
    if (staysBilled++ % 3 === 0) {
      world.step({
        role: 'nurse',
        module: 'admissions',
        command: 'discharge-patient',
        body: stay.body,
        expectRefused: 'discharge-with-unbilled-charges',
      });
    }
    const invoice = name('invoice');
    send('billing_clerk', 'issue-invoice', { accountId }, { saveAs: invoice });
    send('cashier', 'take-payment', {
      accountId,
      shiftId: ref(shiftRef),
      method: 'cash',
      invoiceId: createdRef(invoice, 'invoiceId'),
      amount: CONSULTATION.price,
    });
    cash += CONSULTATION.price;
    return {
      whileRefused: 'discharge-with-unbilled-charges',
      steps: [
        { role: 'billing_clerk' as const, module: 'billing' as const, command: 'issue-invoice', body: { accountId } },
      ],
    };
  };

  /**
   * After a discharge: the stay's final invoice, once billing has recorded the discharge and its
   * last bed-days (`final`). Where stays are billed after discharge it holds every bed-day (at least
   * 350.00), and in turn the patient pays 350.00 by card, or 200.00 in cash, or nothing yet (the
   * receivables' aging); where they were billed before, it holds what was charged since, if anything.
   */
  const billAfterDischarge = (stay: DischargingStay) => {
    const accountId = ref(stay.stayRef);
    const invoice = name('invoice');
    send(
      'billing_clerk',
      'issue-invoice',
      { accountId, final: true },
      {
        saveAs: invoice,
        awaits: ['account-not-found', 'stay-discharge-not-recorded'],
        tolerates: ['no-unbilled-charges'],
      },
    );
    if (refuses) return;
    const invoiceId = createdRef(invoice, 'invoiceId');
    const which = staysBilled++ % 3;
    if (which === 0) {
      send('cashier', 'take-payment', { accountId, shiftId: ref(shiftRef), method: 'card', invoiceId, amount: 35_000 });
    } else if (which === 1) {
      send('cashier', 'take-payment', { accountId, shiftId: ref(shiftRef), method: 'cash', invoiceId, amount: 20_000 });
      cash += 20_000;
    }
  };

  const visit = (person: Person) => {
    const which = CASES[visitsSeen % CASES.length]!;
    const lab = labs()[visitsSeen % Math.max(1, world.labTests.length)];
    visitsSeen++;
    const withLab = WITH_LAB.has(which) && lab !== undefined;
    const account = name('account');
    const consultCharge = name('charge');
    const labCharge = name('charge');
    const invoice = name('invoice');
    const accountId = ref(account);
    send('billing_clerk', 'open-outpatient-account', { patientId: ref(person.ref) }, { saveAs: account });
    if (which === 'claimed' || which === 'denied') {
      send('billing_clerk', 'record-coverage', { accountId, payerId: ref(payerRef) });
    }
    if (which === 'refunded') {
      // A deposit taken before the consultation; the excess goes back once the invoice is settled.
      const deposit = name('payment');
      send(
        'cashier',
        'take-payment',
        {
          accountId,
          shiftId: ref(shiftRef),
          method: 'cash',
          purpose: 'deposit',
          amount: CONSULTATION.price + DEPOSIT_EXCESS,
        },
        { saveAs: deposit },
      );
      cash += CONSULTATION.price + DEPOSIT_EXCESS;
      send('billing_clerk', 'capture-charge', { accountId, serviceCode: CONSULTATION.serviceCode });
      send('billing_clerk', 'issue-invoice', { accountId }, { saveAs: invoice });
      send('cashier', 'allocate-payment', {
        accountId,
        paymentId: createdRef(deposit, 'paymentId'),
        invoiceId: createdRef(invoice, 'invoiceId'),
        amount: CONSULTATION.price,
      });
      const refund = name('adjustment');
      send(
        'cashier',
        'request-adjustment',
        { accountId, kind: 'refund', amount: DEPOSIT_EXCESS, reason: 'Deposit above the bill returned' },
        { saveAs: refund },
      );
      send('billing_supervisor', 'approve-adjustment', { accountId, adjustmentId: createdRef(refund, 'adjustmentId') });
      send('cashier', 'pay-out-refund', {
        accountId,
        adjustmentId: createdRef(refund, 'adjustmentId'),
        shiftId: ref(shiftRef),
        method: 'cash',
      });
      cash -= DEPOSIT_EXCESS;
      return;
    }
    send(
      'billing_clerk',
      'capture-charge',
      { accountId, serviceCode: CONSULTATION.serviceCode },
      { saveAs: consultCharge },
    );
    if (withLab) {
      send('billing_clerk', 'capture-charge', { accountId, serviceCode: lab.serviceCode }, { saveAs: labCharge });
    }
    send('billing_clerk', 'issue-invoice', { accountId }, { saveAs: invoice });
    const total = CONSULTATION.price + (withLab ? lab.price : 0);
    const payCash = (amount: number) => {
      if (amount === 0) return;
      send('cashier', 'take-payment', { accountId, shiftId: ref(shiftRef), method: 'cash', amount });
      cash += amount;
    };
    switch (which) {
      case 'paid':
        payCash(total);
        return;
      case 'credited': {
        if (!withLab) return payCash(total);
        // The test was charged but never done: its line is credited, and the charge voided.
        const reason = 'Test not done: no specimen taken';
        send('billing_clerk', 'issue-credit-note', {
          accountId,
          invoiceId: createdRef(invoice, 'invoiceId'),
          chargeIds: [createdRef(labCharge, 'chargeId')],
          reason,
        });
        send('billing_clerk', 'void-charge', { accountId, chargeId: createdRef(labCharge, 'chargeId'), reason });
        payCash(CONSULTATION.price);
        return;
      }
      case 'discounted': {
        const discount = Math.floor(total / 10);
        const request = name('adjustment');
        send(
          'billing_clerk',
          'request-adjustment',
          {
            accountId,
            kind: 'discount',
            invoiceId: createdRef(invoice, 'invoiceId'),
            amount: discount,
            reason: 'Hardship discount, 10 %',
          },
          { saveAs: request },
        );
        send('billing_supervisor', 'approve-adjustment', {
          accountId,
          adjustmentId: createdRef(request, 'adjustmentId'),
        });
        payCash(total - discount);
        return;
      }
      case 'claimed': {
        // The payer pays the consultation in full and half of a lab test; the patient pays the rest.
        const claim = name('claim');
        send(
          'billing_clerk',
          'submit-claim',
          { accountId, invoiceId: createdRef(invoice, 'invoiceId') },
          { saveAs: claim },
        );
        const labApproved = withLab ? Math.floor(lab.price / 2) : 0;
        const lines: BodyValue[] = [
          { chargeId: createdRef(consultCharge, 'chargeId'), approvedAmount: CONSULTATION.price },
        ];
        if (withLab) {
          lines.push({
            chargeId: createdRef(labCharge, 'chargeId'),
            approvedAmount: labApproved,
            reason: 'Above the payer’s tariff',
          });
        }
        send('billing_clerk', 'record-adjudication', { accountId, claimId: createdRef(claim, 'claimId'), lines });
        send('billing_clerk', 'post-remittance', {
          accountId,
          claimId: createdRef(claim, 'claimId'),
          amount: CONSULTATION.price + labApproved,
        });
        payCash(total - CONSULTATION.price - labApproved);
        return;
      }
      case 'denied': {
        // Denied: the patient pays part by card, and the rest is written off as uncollectable.
        const claim = name('claim');
        send(
          'billing_clerk',
          'submit-claim',
          { accountId, invoiceId: createdRef(invoice, 'invoiceId') },
          { saveAs: claim },
        );
        send('billing_clerk', 'record-adjudication', {
          accountId,
          claimId: createdRef(claim, 'claimId'),
          lines: [
            { chargeId: createdRef(consultCharge, 'chargeId'), approvedAmount: 0, reason: 'Not covered by the policy' },
          ],
        });
        send('billing_clerk', 'post-remittance', { accountId, claimId: createdRef(claim, 'claimId'), amount: 0 });
        const byCard = 2_000;
        send('cashier', 'take-payment', { accountId, shiftId: ref(shiftRef), method: 'card', amount: byCard });
        const writeOff = name('adjustment');
        send(
          'billing_clerk',
          'request-adjustment',
          {
            accountId,
            kind: 'write_off',
            invoiceId: createdRef(invoice, 'invoiceId'),
            amount: total - byCard,
            reason: 'Uncollectable after a denied claim',
          },
          { saveAs: writeOff },
        );
        send('billing_supervisor', 'approve-adjustment', {
          accountId,
          adjustmentId: createdRef(writeOff, 'adjustmentId'),
        });
        return;
      }
    }
  };

  return {
    setUp() {
      // Stays are billed after discharge here: a discharge with unbilled charges is let through (and
      // records them) rather than refused. The other settings are the documented defaults.
      world.step({
        role: 'platform_admin',
        module: 'hospitals',
        command: 'change-settings',
        body: {
          minimumRestHours: 11,
          maximumHoursPerSevenDays: 48,
          dischargeWithUnbilledCharges: refuses ? 'refuse' : 'warn',
          labTurnaroundMinutes: { stat: 60, asap: 120, urgent: 240, routine: 1440 },
        },
      });
      const price = (body: Record<string, BodyValue>) =>
        send('billing_supervisor', 'set-service-price', { effectiveFrom: '2000-01-01', ...body });
      for (const specialty of SPECIALTIES) {
        price({
          serviceCode: `bed-day:${specialty}`,
          kind: 'bed_day',
          description: `Bed-day, ${specialty.replace('_', ' ')} ward`,
          unitPrice: specialty === 'intensive_care' ? 120_000 : 35_000,
        });
      }
      price({
        serviceCode: CONSULTATION.serviceCode,
        kind: 'procedure',
        description: 'Outpatient consultation',
        unitPrice: CONSULTATION.price,
      });
      for (const lab of labs()) {
        price({
          serviceCode: lab.serviceCode,
          kind: 'lab_test',
          description: `Laboratory test ${lab.serviceCode.slice(4)}`,
          unitPrice: lab.price,
        });
      }
      for (const item of world.stockItems) {
        // Unit price 0 with a markup: each issue is priced from its lot's cost.
        price({
          serviceCode: ref(item.ref, 'stock:'),
          kind: 'stock_item',
          description: item.name,
          unitPrice: 0,
          markupBasisPoints: STOCK_MARKUP_BP,
          taxBasisPoints: STOCK_TAX_BP,
        });
      }
      payerRef = name('payer');
      send('billing_supervisor', 'register-payer', { name: 'Mutual Health Insurance' }, { saveAs: payerRef });
    },
    onArrival(person) {
      arrivals++;
      if (arrivals % 3 === 0) visits.push(person);
    },
    beforeDischarge: (stay) => (refuses ? billBeforeDischarge(stay) : undefined),
    afterDischarge(stay) {
      if (stayBilling) billAfterDischarge(stay);
    },
    day: [
      {
        from: 7 * 60 + 30,
        run() {
          shiftRef = name('shift');
          cash = FLOAT;
          send('cashier', 'open-cashier-shift', { openingFloat: FLOAT }, { saveAs: shiftRef });
        },
      },
      {
        from: 11 * 60,
        run() {
          for (const person of visits.splice(0)) visit(person);
        },
      },
      {
        from: 19 * 60,
        run() {
          send('cashier', 'close-cashier-shift', { shiftId: ref(shiftRef), countedCash: cash });
        },
      },
    ],
  };
};
