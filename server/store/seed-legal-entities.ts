/** The sandbox parties' legal entities: what `GET /v1/me` and purchase orders offer the contract drafter to prefill. */
import type { LegalEntity } from '../schemas/terms.js';
import type { Queryable } from './db.js';
import { putLegalEntity } from './legal-entities.js';

/** Fictional companies for the sandbox personas; registration numbers are made up but well-formed. */
export const SANDBOX_LEGAL_ENTITIES: Readonly<Record<string, LegalEntity>> = {
  buyer_acme: { name: 'Acme Trading B.V.', address: 'Wilhelminakade 91, 3072 AP Rotterdam', registration_no: 'KvK 24123456', country: 'NL' },
  buyer_globex: { name: 'Globex Imports LLC', address: '600 Congress Ave, Austin, TX 78701', registration_no: 'TX 0801234567', country: 'US' },
  supplier_shenzhen_led: {
    name: 'Shenzhen Brightway LED Co., Ltd.',
    address: 'Building 5, Keji Park, Nanshan District, Shenzhen, Guangdong 518057',
    registration_no: '91440300MA5D1XYZ7K',
    country: 'CN',
  },
  supplier_ningbo_textiles: {
    name: 'Ningbo Harbour Textiles Co., Ltd.',
    address: '88 Gangcheng Rd, Beilun District, Ningbo, Zhejiang 315800',
    registration_no: '91330206MA2H3ABC1Q',
    country: 'CN',
  },
  supplier_yiwu_packaging: {
    name: 'Yiwu Evergreen Packaging Co., Ltd.',
    address: '12 Chouzhou North Rd, Yiwu, Zhejiang 322000',
    registration_no: '91330782MA2E4DEF2R',
    country: 'CN',
  },
  supplier_foshan_furniture: {
    name: 'Foshan Lianhe Furniture Manufacturing Co., Ltd.',
    address: '3 Lecong Furniture Ave, Shunde District, Foshan, Guangdong 528315',
    registration_no: '91440606MA4W5GHI3S',
    country: 'CN',
  },
  supplier_dongguan_hardware: {
    name: 'Dongguan Precision Hardware Co., Ltd.',
    address: '27 Chang’an Industrial Zone, Dongguan, Guangdong 523850',
    registration_no: '91441900MA4X6JKL4T',
    country: 'CN',
  },
  supplier_shenzhen_voltcore: {
    name: 'Shenzhen Voltcore Electronics Co., Ltd.',
    address: '9 Huaqiang North Rd, Futian District, Shenzhen, Guangdong 518031',
    registration_no: '91440300MA5F7MNO5U',
    country: 'CN',
  },
};

/** Inside the seed's transaction, after the parties exist. */
export async function seedLegalEntities(q: Queryable, at: string): Promise<void> {
  for (const [partyId, entity] of Object.entries(SANDBOX_LEGAL_ENTITIES)) await putLegalEntity(q, partyId, entity, at);
}
