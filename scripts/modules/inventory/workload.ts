import { type HospitalWorld, type ModuleWorkload, ref } from '../../generate/hospital-world.js';

/** Far enough ahead that a receipt is never refused as expired, whenever the workload is sent. */
const EXPIRY = ['2031-03-31', '2031-09-30', '2032-06-30'] as const;

interface StockedItem {
  readonly key: 'paracetamol' | 'morphine' | 'gloves';
  readonly body: Readonly<Record<string, string | number | boolean>>;
  /** Units received into the central store on day 0 and again whenever it runs low. */
  readonly delivery: number;
  /** Units sent to the pharmacy in a morning when it holds less than half of this. */
  readonly restock: number;
  readonly unitCostMinor: number;
}

const ITEMS: readonly StockedItem[] = [
  {
    key: 'paracetamol',
    body: {
      code: 'PARA500',
      name: 'Paracetamol 500 mg tablet',
      unitOfMeasure: 'tablet',
      packSize: 100,
      category: 'medicine',
    },
    delivery: 400,
    restock: 200,
    unitCostMinor: 3,
  },
  {
    key: 'morphine',
    body: {
      code: 'MORPH10',
      name: 'Morphine 10 mg/ml ampoule',
      unitOfMeasure: 'ampoule',
      packSize: 10,
      category: 'medicine',
      controlledSubstance: true,
    },
    delivery: 40,
    restock: 20,
    unitCostMinor: 450,
  },
  {
    key: 'gloves',
    body: {
      code: 'GLOVE-M',
      name: 'Nitrile gloves, medium',
      unitOfMeasure: 'pair',
      packSize: 100,
      category: 'consumable',
      batchTracked: false,
    },
    delivery: 600,
    restock: 300,
    unitCostMinor: 12,
  },
];

/**
 * The inventory module's share of a simulated hospital: a central store and a pharmacy, three
 * items (one controlled) received at the central store on day 0 and again when it runs low; a morning transfer
 * restocks the pharmacy when it runs low (dispatched, then received in full); at the morning round every
 * inpatient is given two tablets for their stay, every third one an ampoule of morphine with a
 * witness, and each ward with inpatients a box of gloves. It keeps its own counts so nothing it sends is
 * refused, and draws nothing from world.random.
 */
export function inventoryWorkload(world: HospitalWorld): ModuleWorkload {
  // Its own names and no moves of the clock: the other modules' steps, names and times stay as
  // they were before this plug-in existed (a seed pinned in a bench result still gives them).
  let names = 0;
  const name = (kind: string) => `${world.hospitalId}/inventory-${kind}-${++names}`;
  const central = name('location');
  const pharmacy = name('location');
  const itemRef = new Map<string, string>();
  const atCentral = new Map<string, number>(ITEMS.map((i) => [i.key, 0]));
  const atPharmacy = new Map<string, number>(ITEMS.map((i) => [i.key, 0]));
  let lots = 0;

  const receive = (item: StockedItem) => {
    lots += 1;
    world.step({
      role: 'storekeeper',
      module: 'inventory',
      command: 'receive-stock',
      body: {
        itemId: ref(itemRef.get(item.key)!),
        locationId: ref(central),
        ...(item.body['batchTracked'] === false ? {} : { lotNumber: `${item.body['code']}-${world.day}-${lots}` }),
        expiryDate: EXPIRY[lots % EXPIRY.length]!,
        quantity: item.delivery,
        unitCostMinor: item.unitCostMinor,
        supplier: 'Northwind Medical',
      },
    });
    atCentral.set(item.key, atCentral.get(item.key)! + item.delivery);
  };

  const restock = (item: StockedItem) => {
    const quantity = Math.min(item.restock, atCentral.get(item.key)!);
    // Only below the pharmacy's reorder level (half the restock), as a storekeeper would.
    if (atPharmacy.get(item.key)! >= item.restock / 2 || quantity === 0) return;
    const transfer = name('transfer');
    world.step({
      role: 'storekeeper',
      module: 'inventory',
      command: 'dispatch-transfer',
      body: {
        itemId: ref(itemRef.get(item.key)!),
        fromLocationId: ref(central),
        toLocationId: ref(pharmacy),
        quantity,
      },
      saveAs: transfer,
    });
    world.step({
      role: 'pharmacist',
      module: 'inventory',
      command: 'receive-transfer',
      body: { transferId: ref(transfer) },
    });
    atCentral.set(item.key, atCentral.get(item.key)! - quantity);
    atPharmacy.set(item.key, atPharmacy.get(item.key)! + quantity);
  };

  const issue = (item: StockedItem, quantity: number, destination: Record<string, string | ReturnType<typeof ref>>) => {
    if (atPharmacy.get(item.key)! < quantity) return;
    world.step({
      role: 'nurse',
      module: 'inventory',
      command: 'issue-stock',
      body: {
        itemId: ref(itemRef.get(item.key)!),
        locationId: ref(pharmacy),
        quantity,
        ...destination,
      },
      // A controlled substance: the pharmacist witnesses it with their own token.
      ...(item.body['controlledSubstance'] === true ? { witnessRole: 'pharmacist' as const } : {}),
    });
    atPharmacy.set(item.key, atPharmacy.get(item.key)! - quantity);
  };

  const round = () => {
    const [paracetamol, morphine, gloves] = ITEMS as [StockedItem, StockedItem, StockedItem];
    const wardsServed = new Set<string>();
    world.inpatients.forEach((inpatient, i) => {
      const forStay = { destination: 'patient', patientId: ref(inpatient.patientRef), stayId: ref(inpatient.stayRef) };
      issue(paracetamol, 2, forStay);
      if (i % 3 === 0) issue(morphine, 1, forStay);
      // One box of gloves per ward and round.
      if (!wardsServed.has(inpatient.wardRef))
        issue(gloves, 100, { destination: 'ward', wardId: ref(inpatient.wardRef) });
      wardsServed.add(inpatient.wardRef);
    });
  };

  return {
    setUp() {
      world.step({
        role: 'storekeeper',
        module: 'inventory',
        command: 'define-location',
        body: { code: 'CS', name: 'Central store', kind: 'central_store' },
        saveAs: central,
      });
      world.step({
        role: 'storekeeper',
        module: 'inventory',
        command: 'define-location',
        body: { code: 'PH', name: 'Pharmacy', kind: 'pharmacy' },
        saveAs: pharmacy,
      });
      for (const item of ITEMS) {
        const itemName = name('item');
        itemRef.set(item.key, itemName);
        world.stockItems.push({ ref: itemName, name: String(item.body['name']) });
        world.step({
          role: 'storekeeper',
          module: 'inventory',
          command: 'define-item',
          body: item.body,
          saveAs: itemName,
        });
        world.step({
          role: 'pharmacist',
          module: 'inventory',
          command: 'set-stock-levels',
          body: { itemId: ref(itemName), locationId: ref(pharmacy), reorderLevel: item.restock / 2 },
        });
        receive(item);
        restock(item);
      }
    },
    day: [
      {
        from: 7 * 60,
        run() {
          for (const item of ITEMS) {
            // A delivery when the central store could not restock the pharmacy once more.
            if (atCentral.get(item.key)! < item.restock) receive(item);
            restock(item);
          }
        },
      },
      { from: 9 * 60 + 30, run: round },
    ],
  };
}
