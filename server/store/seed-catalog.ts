/** The sandbox suppliers and their catalog: fixed data, so ids, order and prices never change between runs. */

export interface SeedSupplier {
  id: string;
  name: string;
  location: string;
  description: string;
}

/** [id suffix, name, category, moq, unit price in minor units, description, options]. */
type Row = [string, string, string, number, number, string, { currency?: string; private?: true }?];

export interface SeedProduct {
  id: string;
  supplier_id: string;
  name: string;
  description: string;
  category: string;
  moq: number;
  unit_price: number;
  currency: string;
  visibility: 'public' | 'private';
}

export const SEED_SUPPLIERS: readonly SeedSupplier[] = [
  {
    id: 'supplier_shenzhen_led',
    name: 'Shenzhen Brightway LED Co., Ltd.',
    location: 'Shenzhen, CN',
    description: 'LED lighting manufacturer since 2009: panels, bulbs, strips and floodlights with CE, RoHS and UL options.',
  },
  {
    id: 'supplier_ningbo_textiles',
    name: 'Ningbo Harbour Textiles Co., Ltd.',
    location: 'Ningbo, CN',
    description: 'Cotton and polyester home textiles and garments; OEKO-TEX certified mill with in-house dyeing.',
  },
  {
    id: 'supplier_yiwu_packaging',
    name: 'Yiwu Evergreen Packaging Co., Ltd.',
    location: 'Yiwu, CN',
    description: 'Custom printed boxes, mailers and bags for e-commerce brands; FSC paper and recycled plastics.',
  },
  {
    id: 'supplier_foshan_furniture',
    name: 'Foshan Lianhe Furniture Manufacturing Co., Ltd.',
    location: 'Foshan, CN',
    description: 'Office and hospitality furniture: ergonomic chairs, desks, sofas and dining sets, flat-packed for export.',
  },
  {
    id: 'supplier_dongguan_hardware',
    name: 'Dongguan Precision Hardware Co., Ltd.',
    location: 'Dongguan, CN',
    description: 'Fasteners, hinges, slides and CNC machined parts; ISO 9001 plant with salt-spray and torque testing.',
  },
  {
    id: 'supplier_shenzhen_voltcore',
    name: 'Shenzhen Voltcore Electronics Co., Ltd.',
    location: 'Shenzhen, CN',
    description: 'Consumer electronics accessories: chargers, cables, power banks and smart-home plugs, FCC and CE tested.',
  },
];

const CATALOG: Record<string, Row[]> = {
  supplier_shenzhen_led: [
    ['led_panel_600x600', 'LED Panel Light 600x600 mm, 40 W', 'lighting', 100, 1850, 'Back-lit flat panel for suspended ceilings, 4000 K neutral white, 120 lm/W, flicker-free driver, 5-year warranty.'],
    ['led_panel_300x1200', 'LED Panel Light 300x1200 mm, 36 W', 'lighting', 100, 2100, 'Slim 300x1200 ceiling panel for offices and schools, UGR<19 prismatic diffuser, 3000/4000/6500 K.'],
    ['led_bulb_a60_9w', 'LED Bulb A60 E27, 9 W', 'lighting', 1000, 68, 'Everyday replacement for a 60 W incandescent, 806 lm, 2700 K warm white, 15 000 h rated life.'],
    ['led_bulb_g45_filament', 'LED Filament Bulb G45 E14, 4 W', 'lighting', 1000, 95, 'Decorative clear-glass globe with vintage filament look, dimmable on trailing-edge dimmers.'],
    ['led_strip_5050_rgb', 'LED Strip 5050 RGB, 5 m Roll, 12 V', 'lighting', 200, 420, '60 LEDs per metre, IP65 silicone coating, 3M adhesive backing; controller and power supply sold separately.'],
    ['led_strip_cob_24v', 'COB LED Strip 24 V, 480 LEDs/m', 'lighting', 200, 690, 'Dot-free continuous line of light for coves and shelves, CRI 90+, cuttable every 50 mm.'],
    ['led_floodlight_100w', 'LED Floodlight 100 W, IP66', 'lighting', 50, 1490, 'Die-cast aluminium flood for yards and facades, 13 000 lm, 120° beam, surge protection 4 kV.'],
    ['led_high_bay_150w', 'UFO LED High Bay 150 W', 'lighting', 50, 3250, 'Warehouse and workshop high bay, 150 lm/W, 90° or 120° reflector options, 1-10 V dimming.'],
    ['led_downlight_12w', 'Recessed LED Downlight 12 W, Cut-out 110 mm', 'lighting', 500, 310, 'Anti-glare deep reflector, tri-colour switch on the driver, spring clips for plasterboard.'],
    ['led_tube_t8_18w', 'LED Tube T8 1200 mm, 18 W', 'lighting', 500, 185, 'Direct replacement for fluorescent T8 tubes, single-end power, frosted cover, 1800 lm.'],
    ['led_street_light_80w', 'LED Street Light 80 W, Photocell', 'lighting', 30, 4600, 'Type II optics for roads and car parks, NEMA photocell socket, IP66 and IK08 housing.'],
    ['solar_garden_light', 'Solar Garden Path Light, Stainless Steel', 'lighting', 500, 240, 'Self-charging path light with 600 mAh battery, 8 hours of light after a sunny day, no wiring.'],
    ['led_driver_40w', 'Constant-Current LED Driver 40 W, 900 mA', 'lighting', 200, 520, 'Isolated flicker-free driver for panels and downlights, PF>0.95, short-circuit protection.'],
    ['led_grow_light_600w', 'Full-Spectrum LED Grow Light 600 W', 'lighting', 20, 8900, 'Bar-style horticulture fixture with Samsung LM301H diodes and 660 nm red, for indoor farms.'],
    ['led_emergency_bulb', 'Rechargeable Emergency LED Bulb 12 W', 'lighting', 500, 210, 'Keeps lighting for 3 hours during power cuts, built-in 18650 battery, E27 base.'],
    ['oem_smart_bulb', 'OEM Smart Bulb, Private Label, Wi-Fi + Bluetooth', 'lighting', 2000, 245, 'Tuya-compatible RGBCW smart bulb under your brand: custom app, packaging and firmware splash.', { private: true }],
    ['odm_panel_custom_cct', 'ODM Panel Light with Custom CCT Remote', 'lighting', 500, 2650, 'Co-developed 600x600 panel with 2.4 GHz remote for colour temperature; tooling shared with the buyer.', { private: true }],
  ],
  supplier_ningbo_textiles: [
    ['cotton_bath_towel', 'Cotton Bath Towel 70x140 cm, 500 gsm', 'textiles', 500, 390, 'Ring-spun combed cotton terry, soft and absorbent, dobby border, 12 stock colours.'],
    ['hotel_bed_sheet_set', 'Hotel Bed Sheet Set, Percale 300 TC', 'textiles', 200, 1650, 'Crisp white percale for hotels: flat sheet, fitted sheet and two pillowcases, industrial-wash tested.'],
    ['duvet_cover_king', 'Duvet Cover King Size, Sateen Stripe', 'textiles', 200, 1420, 'Sateen stripe cover with hidden button closure and corner ties, 100% cotton.'],
    ['plain_tshirt_180gsm', 'Plain T-Shirt 180 gsm, Combed Cotton', 'apparel', 500, 265, 'Blank crew-neck tee for printing and embroidery, pre-shrunk, sizes S to 3XL.'],
    ['hoodie_fleece_320gsm', 'Pullover Hoodie 320 gsm Fleece', 'apparel', 300, 890, 'Brushed-back fleece hoodie with kangaroo pocket, blank or with your screen print.'],
    ['polo_shirt_pique', 'Pique Polo Shirt, Cotton-Poly', 'apparel', 300, 540, 'Corporate uniform polo, colour-fast, flat-knit collar, embroidery ready.'],
    ['canvas_tote_bag', 'Canvas Tote Bag 12 oz, Natural', 'textiles', 1000, 145, 'Heavy natural canvas shopper with reinforced handles, 38x42 cm, print area 30x30 cm.'],
    ['kitchen_apron_denim', 'Denim Kitchen Apron with Leather Straps', 'textiles', 300, 610, 'Barista and chef apron with cross-back straps and two front pockets.'],
    ['blackout_curtain', 'Blackout Curtain Panel 140x260 cm', 'textiles', 300, 720, 'Triple-weave blackout polyester, thermal insulating, eyelet or pinch-pleat heading.'],
    ['polyester_fabric_roll', 'Polyester Oxford Fabric 600D, PU Coated, per Metre', 'textiles', 3000, 78, 'Waterproof 600D oxford for bags and covers, 150 cm width, sold by the metre.'],
    ['linen_table_cloth', 'Linen Table Cloth 150x250 cm', 'textiles', 200, 1280, 'Stone-washed pure linen for restaurants and homes, hemmed edges, eight natural tones.'],
    ['microfiber_cleaning_cloth', 'Microfiber Cleaning Cloth 40x40 cm, 300 gsm', 'textiles', 5000, 22, 'Lint-free edgeless cloth for cars and kitchens, 80/20 polyester-polyamide.'],
    ['baby_muslin_swaddle', 'Organic Cotton Muslin Swaddle 120x120 cm', 'textiles', 500, 340, 'GOTS organic cotton double gauze, breathable and softer after every wash.'],
    ['workwear_jacket', 'Hi-Vis Workwear Jacket, EN ISO 20471', 'apparel', 200, 1890, 'Class 3 high-visibility jacket with reflective tape, waterproof shell and detachable lining.'],
    ['wool_blend_scarf', 'Wool Blend Scarf 30x180 cm', 'apparel', 300, 560, 'Soft 30% wool blend with fringe ends, plaid or solid, gift-ready packaging available.'],
    ['oem_private_label_hoodie', 'OEM Private Label Hoodie, Custom Fabric and Trims', 'apparel', 500, 1150, 'Your pattern, your fabric weight, woven neck label and hang tags; pre-production sample in 10 days.', { private: true }],
    ['odm_hotel_towel_collection', 'ODM Hotel Towel Collection with Jacquard Logo', 'textiles', 1000, 520, 'Bath, hand and face towels with your logo woven in jacquard, matched dye lot across the set.', { private: true, currency: 'CNY' }],
  ],
  supplier_yiwu_packaging: [
    ['kraft_mailer_box', 'Kraft Mailer Box 25x20x8 cm, E-Flute', 'packaging', 1000, 42, 'Self-locking corrugated mailer for subscription boxes, printable inside and out.'],
    ['rigid_gift_box_magnetic', 'Rigid Gift Box with Magnetic Lid', 'packaging', 500, 185, 'Premium 1200 gsm greyboard with art-paper wrap, foil stamping and EVA insert options.'],
    ['poly_mailer_bag', 'Poly Mailer Bag 30x40 cm, Recycled', 'packaging', 5000, 6, 'Tear-proof courier bag with 30% recycled LDPE and a permanent self-seal strip.'],
    ['bubble_mailer_kraft', 'Kraft Bubble Mailer 22x33 cm', 'packaging', 2000, 11, 'Padded envelope for small electronics and cosmetics, peel-and-seal closure.'],
    ['paper_shopping_bag', 'Paper Shopping Bag with Twisted Handles', 'packaging', 2000, 19, '120 gsm kraft bag for retail, CMYK print on both sides, 32x12x42 cm.'],
    ['custom_printed_labels', 'Custom Printed Labels on Roll, Waterproof', 'packaging', 10000, 1, 'BOPP labels for bottles and jars, any shape die-cut, 76 mm core for label applicators.'],
    ['packing_tape_48mm', 'Packing Tape 48 mm x 100 m, Clear', 'packaging', 1000, 38, 'Acrylic adhesive BOPP tape for sealing export cartons, holds in cold storage.'],
    ['glass_jar_250ml', 'Glass Jar 250 ml with Bamboo Lid', 'packaging', 1000, 64, 'Food-grade flint glass jar for spices, creams and candles, silicone seal in the lid.'],
    ['cosmetic_tube_100ml', 'Squeeze Cosmetic Tube 100 ml', 'packaging', 5000, 18, 'PE tube with flip-top cap, offset printing up to six colours, matte or gloss.'],
    ['corrugated_export_carton', 'Export Carton 5-Ply 60x40x40 cm', 'packaging', 500, 96, 'Double-wall BC-flute shipping carton rated to 32 ECT for palletised sea freight.'],
    ['honeycomb_paper_wrap', 'Honeycomb Paper Wrap Roll 38 cm x 100 m', 'packaging', 200, 560, 'Plastic-free protective wrap that replaces bubble wrap, expands into a cushioning web.'],
    ['tissue_paper_printed', 'Printed Tissue Paper 50x70 cm, 17 gsm', 'packaging', 5000, 4, 'Acid-free tissue with your logo in one or two colours, for unboxing and gift wrap.'],
    ['pallet_stretch_film', 'Pallet Stretch Film 500 mm x 300 m', 'packaging', 200, 890, '23 micron cast film for hand wrapping pallets, 250% pre-stretch, clear.'],
    ['compostable_coffee_bag', 'Compostable Coffee Bag with Valve, 250 g', 'packaging', 3000, 27, 'Kraft and PLA stand-up pouch with one-way degassing valve and zip, home compostable.'],
    ['oem_luxury_perfume_box', 'OEM Luxury Perfume Box, Custom Structure', 'packaging', 3000, 95, 'Bespoke rigid box with your dieline, embossing and spot UV; structural samples before tooling.', { private: true }],
  ],
  supplier_foshan_furniture: [
    ['ergonomic_office_chair', 'Ergonomic Mesh Office Chair, Adjustable Lumbar', 'furniture', 50, 6800, 'Breathable mesh back, 3D armrests, synchro tilt and class-4 gas lift, BIFMA tested.'],
    ['executive_leather_chair', 'Executive Leather Office Chair, High Back', 'furniture', 30, 12900, 'Top-grain leather seat and back, aluminium base, padded headrest, 150 kg rated.'],
    ['height_adjustable_desk', 'Electric Height-Adjustable Desk, Dual Motor', 'furniture', 20, 17500, 'Sit-stand desk from 62 to 127 cm, memory presets, anti-collision, 160x80 cm top.'],
    ['office_workstation_4p', 'Office Workstation for 4 People with Screens', 'furniture', 10, 64000, 'Bench desk system with acoustic divider screens, cable trays and lockable pedestals.'],
    ['modular_sofa_3seat', 'Modular Fabric Sofa, 3 Seats', 'furniture', 10, 39500, 'Hotel lobby and lounge sofa with removable covers, high-resilience foam, solid wood frame.'],
    ['dining_chair_oak', 'Solid Oak Dining Chair, Upholstered Seat', 'furniture', 40, 5200, 'Scandinavian-style oak chair with a linen-look seat pad, flat-packed, 2 per carton.'],
    ['dining_table_marble', 'Sintered Stone Dining Table 180x90 cm', 'furniture', 10, 42000, 'Scratch- and heat-resistant sintered stone top on a powder-coated steel base.'],
    ['bar_stool_swivel', 'Swivel Bar Stool, PU Leather, Gas Lift', 'furniture', 50, 2900, 'Counter and bar height stool with footrest ring and chrome base.'],
    ['hotel_bed_frame_king', 'Hotel Bed Frame King Size with Headboard', 'furniture', 10, 31000, 'Upholstered headboard and slatted base for hotel rooms, fire-retardant fabrics available.'],
    ['restaurant_booth_seating', 'Restaurant Booth Seating, Double-Sided', 'furniture', 5, 48000, 'Custom length booth with channel-tufted back, commercial vinyl, plywood frame.'],
    ['outdoor_rattan_set', 'Outdoor Rattan Lounge Set, 4 Pieces', 'furniture', 10, 36500, 'PE rattan on aluminium frame with quick-dry cushions, UV stable for terraces.'],
    ['school_desk_chair_set', 'Student Desk and Chair Set, Height Adjustable', 'furniture', 50, 7400, 'Classroom set with steel frame and HPL top, adjustable for ages 6 to 16.'],
    ['filing_cabinet_steel', 'Steel Filing Cabinet, 4 Drawers, Lockable', 'furniture', 30, 8900, 'Cold-rolled steel A4 filing cabinet with anti-tilt interlock and central lock.'],
    ['bookshelf_industrial', 'Industrial Bookshelf, 5 Tiers, Metal and Wood', 'furniture', 30, 6300, 'Rustic particle-board shelves on a black steel frame, 180 cm tall, tool-free assembly.'],
    ['odm_hotel_room_package', 'ODM Hotel Room Furniture Package', 'furniture', 20, 185000, 'Bed, nightstands, desk, wardrobe and luggage rack made to your designer’s drawings, per room.', { private: true, currency: 'EUR' }],
  ],
  supplier_dongguan_hardware: [
    ['stainless_screw_m4', 'Stainless Steel Machine Screw M4x12, A2-70', 'hardware', 50000, 1, 'DIN 7985 pan head Phillips screw in 304 stainless, bulk-packed in 5 kg bags.'],
    ['self_tapping_screw_kit', 'Self-Tapping Screw Assortment, 1000 Pieces', 'hardware', 500, 620, 'Zinc-plated pan and countersunk screws in a labelled compartment box.'],
    ['soft_close_hinge', 'Soft-Close Cabinet Hinge, 35 mm Cup, Clip-On', 'hardware', 2000, 48, 'Hydraulic damped concealed hinge tested to 50 000 cycles, 3D adjustment.'],
    ['drawer_slide_ball_bearing', 'Ball-Bearing Drawer Slide 450 mm, Full Extension', 'hardware', 1000, 175, 'Three-section steel slide with 45 kg load rating and lever disconnect.'],
    ['door_handle_lever', 'Stainless Lever Door Handle on Rose', 'hardware', 500, 690, 'Brushed 304 stainless lever for interior doors, sprung rose, fits 35-50 mm doors.'],
    ['smart_fingerprint_lock', 'Smart Fingerprint Door Lock, Wi-Fi', 'hardware', 100, 7900, 'Fingerprint, PIN, card and app unlock with a mechanical key override, zinc alloy body.'],
    ['padlock_brass_40mm', 'Solid Brass Padlock 40 mm, Keyed Alike', 'hardware', 500, 210, 'Hardened steel shackle, keyed-alike sets for warehouses and lockers.'],
    ['shelf_bracket_heavy', 'Heavy-Duty Shelf Bracket 250 mm, Black', 'hardware', 1000, 88, 'Powder-coated steel L-bracket holding 80 kg per pair for floating shelves.'],
    ['cnc_aluminium_parts', 'CNC Machined Aluminium Parts to Drawing', 'hardware', 100, 450, '6061-T6 milled and turned parts, anodised in any colour, tolerance ±0.01 mm, price per simple part.'],
    ['sheet_metal_enclosure', 'Sheet Metal Enclosure, Powder Coated', 'hardware', 200, 1350, 'Laser-cut and bent electrical enclosure with PEM nuts, IP54 gasket optional.'],
    ['zinc_die_cast_knob', 'Zinc Die-Cast Furniture Knob, Matte Black', 'hardware', 2000, 35, 'Round 30 mm knob with M4 screw, also in brushed brass and satin nickel.'],
    ['gas_spring_lift', 'Gas Spring Lift Support 100 N', 'hardware', 1000, 95, 'Strut for cabinet flaps and bed lifts, ball-stud ends, 20 000-cycle life.'],
    ['caster_wheel_50mm', 'Swivel Caster Wheel 50 mm with Brake', 'hardware', 1000, 72, 'Polyurethane wheel that is quiet on hard floors, threaded stem, 40 kg per caster.'],
    ['oem_custom_fastener', 'OEM Custom Fastener, Cold-Headed to Drawing', 'hardware', 100000, 3, 'Special screws and rivets cold-headed from your drawing, with PPAP documentation.', { private: true }],
  ],
  supplier_shenzhen_voltcore: [
    ['power_bank_10000', 'Power Bank 10 000 mAh, 22.5 W PD', 'electronics', 500, 790, 'Slim aluminium power bank with USB-C PD and QC 3.0, A-grade lithium-polymer cells.'],
    ['usb_c_cable_1m', 'USB-C to USB-C Cable 1 m, 60 W, Braided', 'electronics', 1000, 85, 'Nylon-braided charging cable tested to 20 000 bends, E-marker free, 480 Mbps data.'],
    ['gan_charger_65w', 'GaN Wall Charger 65 W, 3 Ports', 'electronics', 500, 1120, 'Compact gallium-nitride charger with two USB-C and one USB-A port, interchangeable plugs.'],
    ['wireless_charger_15w', 'Qi Wireless Charging Pad 15 W', 'electronics', 500, 420, 'Non-slip charging pad for phones and earbuds, foreign object detection, LED indicator.'],
    ['bluetooth_earbuds_anc', 'True Wireless Earbuds with ANC', 'electronics', 500, 1580, 'Bluetooth 5.3 earbuds with active noise cancelling, 30 h with case, IPX5.'],
    ['smart_plug_wifi', 'Smart Wi-Fi Plug with Energy Monitoring, EU', 'electronics', 1000, 390, 'Schedules, timers and power metering through the Tuya app, works with Alexa and Google.'],
    ['car_charger_dual', 'Dual USB Car Charger 48 W', 'electronics', 1000, 230, 'Cigarette-lighter charger with USB-C PD and USB-A, aluminium shell, blue ring light.'],
    ['hdmi_cable_2m', 'HDMI 2.1 Cable 2 m, 8K', 'electronics', 1000, 190, 'Ultra high speed 48 Gbps cable for 8K60 and 4K120, gold-plated connectors.'],
    ['lithium_battery_18650', '18650 Lithium-Ion Cell 3000 mAh', 'electronics', 2000, 160, 'Rechargeable cylindrical cell for torches and packs, UN38.3 tested, flat top.'],
    ['bluetooth_speaker_portable', 'Portable Bluetooth Speaker 20 W, IPX7', 'electronics', 300, 1490, 'Waterproof outdoor speaker with 12 h battery, stereo pairing and a lanyard.'],
    ['usb_hub_7in1', 'USB-C Hub 7-in-1 with HDMI and SD', 'electronics', 300, 1060, 'Aluminium dock with 4K HDMI, two USB-A 3.0, SD and microSD readers, 100 W pass-through.'],
    ['smart_led_strip_kit', 'Smart LED Strip Kit 10 m, App and Music Sync', 'electronics', 300, 980, 'RGB strip with Wi-Fi controller, adapter and remote; reacts to music through the phone mic.'],
    ['oem_power_bank_branded', 'OEM Branded Power Bank, Your Logo and Colours', 'electronics', 1000, 840, 'Laser-engraved or printed logo, custom colour shell and gift box; MSDS and UN38.3 supplied.', { private: true }],
  ],
};

const BASE_TIME = Date.parse('2026-01-05T08:00:00.000Z');

/**
 * Products in a fixed order with created_at a minute apart, interleaved across suppliers so the
 * newest-first browse shows a mix rather than one supplier's whole range.
 */
export const SEED_PRODUCTS: readonly (SeedProduct & { created_at: string })[] = (() => {
  const out: (SeedProduct & { created_at: string })[] = [];
  const lists = SEED_SUPPLIERS.map((s) => ({ supplier: s.id, rows: CATALOG[s.id] ?? [] }));
  const longest = Math.max(...lists.map((l) => l.rows.length));
  for (let i = 0; i < longest; i++) {
    for (const { supplier, rows } of lists) {
      const row = rows[i];
      if (!row) continue;
      const [suffix, name, category, moq, unit_price, description, opts] = row;
      out.push({
        id: `prod_${suffix}`,
        supplier_id: supplier,
        name,
        description,
        category,
        moq,
        unit_price,
        currency: opts?.currency ?? 'USD',
        visibility: opts?.private ? 'private' : 'public',
        created_at: new Date(BASE_TIME + out.length * 60_000).toISOString(),
      });
    }
  }
  return out;
})();
