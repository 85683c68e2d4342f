/**
 * Header words for each field AR Desk reads, in English, French, German and Spanish, as ERPs
 * export them and as people type them. They are compared after `normaliseHeader`, so accents,
 * case, punctuation, camelCase and common abbreviations ("Doc.", "No.", "Curr.") do not matter.
 * Order within a list does not matter; specific phrases beat generic ones by scoring.
 */
export type Field =
  | "invoice"
  | "customer"
  | "customerId"
  | "invoiceDate"
  | "dueDate"
  | "amount"
  | "openBalance"
  | "paidAmount"
  | "paidDate"
  | "currency"
  | "email"
  | "contact"
  | "terms"
  | "status"
  | "disputed"
  | "promiseDate"
  | "creditLimit"
  | "notes"
  | "type"
  | "language";

export const SYNONYMS: Record<Field, readonly string[]> = {
  invoice: [
    "invoice number", "invoice", "invoice id", "invoice ref", "invoice reference", "document number", "document", "bill number", "reference", "number",
    "numero de facture", "facture", "numero facture", "piece", "numero de piece",
    "rechnungsnummer", "rechnung", "rechnungs number", "belegnummer", "beleg", "beleg number",
    "numero de factura", "factura", "folio", "numero factura",
  ],
  customer: [
    "customer", "customer name", "client", "client name", "account name", "debtor", "debtor name", "bill to", "sold to", "company", "payer",
    "nom client", "nom du client", "raison sociale", "tiers",
    "kunde", "kundenname", "debitor", "debitorname", "firma",
    "cliente", "nombre cliente", "nombre del cliente", "deudor", "razon social",
  ],
  customerId: [
    "customer number", "customer id", "customer code", "client id", "client number", "account", "account number", "account id", "debtor number",
    "numero client", "code client", "id client",
    "kundennummer", "debitorennummer", "kunden id",
    "numero cliente", "codigo cliente", "id cliente",
  ],
  invoiceDate: [
    "invoice date", "document date", "issue date", "date issued", "billing date", "bill date", "posting date", "date",
    "date facture", "date de facture", "date emission", "date d emission", "date piece",
    "rechnungsdatum", "belegdatum", "datum",
    "fecha", "fecha factura", "fecha de factura", "fecha emision", "fecha de emision",
  ],
  dueDate: [
    "due date", "date due", "due", "payment due", "payment due date", "due on", "net due date", "maturity date", "maturity",
    "date echeance", "date d echeance", "echeance",
    "falligkeitsdatum", "falligkeit", "fallig am", "fallig",
    "fecha vencimiento", "fecha de vencimiento", "vencimiento",
  ],
  amount: [
    "amount", "invoice amount", "invoice total", "total", "total amount", "gross amount", "gross", "original amount", "invoice value", "value", "amount incl tax",
    "montant", "montant ttc", "montant facture", "total ttc", "montant total",
    "betrag", "rechnungsbetrag", "bruttobetrag", "brutto", "summe", "gesamtbetrag",
    "importe", "monto", "importe total", "total factura", "monto total",
  ],
  openBalance: [
    "open balance", "open amount", "balance", "balance due", "amount due", "outstanding", "outstanding amount", "outstanding balance", "remaining", "remaining balance", "open", "amount open", "residual", "amount remaining",
    "solde", "solde du", "reste a payer", "restant du", "montant du", "montant restant",
    "offener betrag", "offen", "saldo", "restbetrag", "offener saldo",
    "saldo pendiente", "pendiente", "importe pendiente", "monto pendiente", "saldo por cobrar",
  ],
  paidAmount: [
    "paid", "paid amount", "amount paid", "paid to date", "payments", "payment amount", "amount received", "received", "total paid",
    "montant paye", "paye", "montant regle", "regle", "encaisse",
    "bezahlt", "bezahlter betrag", "gezahlt", "gezahlter betrag", "zahlungseingang",
    "pagado", "importe pagado", "monto pagado", "cobrado", "importe cobrado",
  ],
  paidDate: [
    "paid date", "date paid", "payment date", "settled date", "settlement date", "last payment date", "last payment", "cleared date", "clearing date", "paid on", "settled on", "closed date",
    "date de paiement", "date paiement", "date de reglement", "date reglement", "date encaissement",
    "zahlungsdatum", "bezahlt am", "ausgleichsdatum", "zahldatum",
    "fecha de pago", "fecha pago", "fecha de cobro", "fecha cobro",
  ],
  currency: ["currency", "currency code", "devise", "monnaie", "wahrung", "moneda", "divisa"],
  email: [
    "email", "email address", "mail", "contact email", "billing email", "ap email", "invoice email",
    "courriel", "adresse email", "adresse mail",
    "email adresse", "mail adresse",
    "correo", "correo electronico",
  ],
  contact: [
    "contact", "contact name", "attention", "contact person", "ap contact", "billing contact",
    "interlocuteur", "nom contact",
    "ansprechpartner", "kontakt", "kontaktperson",
    "contacto", "persona de contacto", "nombre contacto",
  ],
  terms: [
    "terms", "payment terms", "credit terms", "payment term", "term",
    "conditions de paiement", "conditions paiement", "conditions de reglement", "delai de paiement",
    "zahlungsbedingungen", "zahlungsziel", "zahlungskondition",
    "condiciones de pago", "plazo", "plazo de pago", "terminos de pago",
  ],
  status: ["status", "state", "invoice status", "payment status", "statut", "etat", "status rechnung", "zahlstatus", "estado", "estatus"],
  disputed: [
    "disputed", "dispute", "in dispute", "contested", "on dispute", "dispute flag",
    "litige", "en litige", "conteste", "contestation",
    "strittig", "reklamation", "bestritten", "streitig",
    "disputa", "en disputa", "disputado", "reclamacion",
  ],
  promiseDate: [
    "promise date", "promise to pay", "promise to pay date", "promised date", "promised payment date", "ptp", "ptp date", "promised",
    "date de promesse", "promesse de paiement", "date promesse", "promesse",
    "zahlungsversprechen", "zugesagt am", "zahlungszusage",
    "fecha de promesa", "promesa de pago", "fecha promesa", "promesa",
  ],
  creditLimit: [
    "credit limit", "limit", "credit line", "credit",
    "plafond", "limite de credit", "plafond de credit", "encours autorise",
    "kreditlimit", "kreditrahmen", "limit kredit",
    "limite de credito", "limite credito", "linea de credito",
  ],
  notes: [
    "notes", "note", "comments", "comment", "remarks", "memo", "description",
    "commentaire", "commentaires", "remarques", "observations",
    "notizen", "notiz", "bemerkung", "bemerkungen", "kommentar",
    "notas", "nota", "comentarios", "comentario", "observaciones",
  ],
  type: ["type", "document type", "invoice type", "doc type", "transaction type", "type de piece", "type document", "belegart", "typ", "tipo", "tipo de documento"],
  language: ["language", "lang", "locale", "langue", "sprache", "idioma"],
};

/** Abbreviations expanded before matching: "Doc. Date" → "document date", "Inv No" → "invoice number". */
export const ABBREVIATIONS: Record<string, string> = {
  inv: "invoice",
  invc: "invoice",
  doc: "document",
  docs: "document",
  no: "number",
  nr: "number",
  nro: "number",
  num: "number",
  nbr: "number",
  numero: "number",
  nummer: "number",
  n: "number",
  "#": "number",
  amt: "amount",
  bal: "balance",
  curr: "currency",
  ccy: "currency",
  cur: "currency",
  cust: "customer",
  dt: "date",
  pmt: "payment",
  pymt: "payment",
  acct: "account",
  acc: "account",
  ref: "reference",
  attn: "attention",
};

/** Words that carry no meaning in headers ("date of invoice", "fecha de factura"). */
export const STOP_WORDS = new Set(["of", "the", "de", "du", "d", "la", "le", "les", "l", "del", "der", "die", "das", "des", "el", "los", "las"]);

/** Single words that name several things ("Date", "Total", "No."): matched, but with less confidence. */
export const GENERIC = new Set(["date", "total", "number", "open", "paid", "credit", "account", "value", "limit", "type", "term", "reference", "document", "due", "gross", "remaining", "received", "company", "state", "datum", "fecha", "summe", "offen", "mail", "description", "promised", "promesa", "promesse", "beleg", "piece", "tiers", "firma", "typ", "tipo", "fallig", "plazo"]);
