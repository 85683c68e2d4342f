import type { ReminderTemplate, TemplateSet } from "./templates";

/** Placeholders whose HTML body uses a pre-escaped `_html` twin (tables, multi-line text). */
const HTML_TWINS = ["invoice_table", "charges_table", "signature", "payment_details", "payment_instructions"];

/**
 * A template from a subject and paragraphs: the text body joins the paragraphs with blank
 * lines; the HTML body wraps each in <p> (a table in a <div>), line breaks as <br>, and uses
 * the `_html` twin of tables and multi-line placeholders. Liquid escapes every other value.
 * @example fromParagraphs("Hello {{ customer_name }}", ["Dear {{ contact_name }},"]).html // "<p>Dear {{ contact_name }},</p>"
 */
export function fromParagraphs(subject: string, paragraphs: readonly string[]): ReminderTemplate {
  const html = paragraphs
    .map((p) => {
      let body = p;
      for (const name of HTML_TWINS) body = body.split(`{{ ${name} }}`).join(`{{ ${name}_html }}`);
      body = body.replace(/\n/g, "<br>\n");
      return /_table_html/.test(body) ? `<div>${body}</div>` : `<p>${body}</p>`;
    })
    .join("\n");
  return { subject, text: paragraphs.join("\n\n"), html };
}

const EN_GREETING = `Dear {{ contact_name | default: "Sir or Madam" }},`;
const FR_GREETING = "{% if contact_name %}Bonjour {{ contact_name }},{% else %}Madame, Monsieur,{% endif %}";
const PAYMENT = "{% if payment_details %}{{ payment_details }}{% endif %}";
const EN_CHARGES = "{% if charges_total %}Late-payment charges to date ({{ charges_basis }}): {{ charges_total }}.\n{{ charges_table }}\nAmount now due, including charges: {{ total_with_charges }}{% endif %}";
const FR_CHARGES = "{% if charges_total %}Pénalités de retard à ce jour ({{ charges_basis }}) : {{ charges_total }}.\n{{ charges_table }}\nMontant dû, pénalités comprises : {{ total_with_charges }}{% endif %}";
const EN_TOTAL = "Total overdue: {{ total_overdue }}{% if total != total_overdue %} (with the items due soon: {{ total }}){% endif %}";
const FR_TOTAL = "Montant échu : {{ total_overdue }}{% if total != total_overdue %} (avec les factures bientôt exigibles : {{ total }}){% endif %}";
const EN_SIGN = "Kind regards,\n{{ signature }}";
const FR_SIGN = "Cordialement,\n{{ signature }}";
const EN_ITEMS = "{% if overdue_count == 1 %}invoice remains{% else %}invoices remain{% endif %}";
const FR_ITEMS = "{% if overdue_count == 1 %}la facture ci-dessous reste impayée{% else %}les factures ci-dessous restent impayées{% endif %}";

/** English and French defaults for every emailed default level: polite first, firmer later, never rude. */
export const DEFAULT_TEMPLATES: TemplateSet = {
  courtesy: {
    en: fromParagraphs("Friendly reminder: payment due on {{ earliest_due_date }}", [
      EN_GREETING,
      "This is a friendly reminder that the following {% if invoice_count == 1 %}invoice falls{% else %}invoices fall{% endif %} due shortly:",
      "{{ invoice_table }}",
      "Total due: {{ total }}",
      PAYMENT,
      "If payment is already on its way, thank you, and please disregard this message.",
      EN_SIGN,
    ]),
    fr: fromParagraphs("Rappel amical : échéance de paiement le {{ earliest_due_date }}", [
      FR_GREETING,
      "Nous nous permettons de vous rappeler que {% if invoice_count == 1 %}la facture suivante arrive{% else %}les factures suivantes arrivent{% endif %} bientôt à échéance :",
      "{{ invoice_table }}",
      "Montant total : {{ total }}",
      PAYMENT,
      "Si le règlement est déjà en cours, nous vous en remercions et vous prions de ne pas tenir compte de ce message.",
      FR_SIGN,
    ]),
  },
  first: {
    en: fromParagraphs("Payment reminder – {{ customer_name }} – {{ total_overdue }} overdue", [
      EN_GREETING,
      "Our records show that the following {% if overdue_count == 1 %}invoice is{% else %}invoices are{% endif %} now past due. Perhaps this has simply been overlooked:",
      "{{ invoice_table }}",
      EN_TOTAL,
      EN_CHARGES,
      PAYMENT,
      "If you have already paid, thank you, and please disregard this reminder. If anything is unclear or you need a copy of an invoice, just reply to this email.",
      EN_SIGN,
    ]),
    fr: fromParagraphs("Rappel de paiement – {{ customer_name }} – {{ total_overdue }} en retard", [
      FR_GREETING,
      "Sauf erreur de notre part, {% if overdue_count == 1 %}la facture suivante est échue et reste impayée{% else %}les factures suivantes sont échues et restent impayées{% endif %} à ce jour. Il s'agit peut-être d'un simple oubli :",
      "{{ invoice_table }}",
      FR_TOTAL,
      FR_CHARGES,
      PAYMENT,
      "Si vous avez déjà effectué ce règlement, nous vous en remercions et vous prions de ne pas tenir compte de ce rappel. Pour toute question ou pour obtenir une copie d'une facture, il vous suffit de répondre à ce message.",
      FR_SIGN,
    ]),
  },
  second: {
    en: fromParagraphs("Second reminder – {{ customer_name }} – {{ total_overdue }} overdue", [
      EN_GREETING,
      `Despite our earlier reminder, the following ${EN_ITEMS} unpaid. The oldest is now {{ oldest_days_overdue }} days past due.`,
      "{{ invoice_table }}",
      EN_TOTAL,
      EN_CHARGES,
      "Please arrange payment within the next 7 days, or let us know when we can expect it. If there is a problem with any of these invoices, tell us and we will sort it out with you.",
      PAYMENT,
      EN_SIGN,
    ]),
    fr: fromParagraphs("Deuxième rappel – {{ customer_name }} – {{ total_overdue }} en retard", [
      FR_GREETING,
      `Malgré notre précédent rappel, ${FR_ITEMS}. La plus ancienne est échue depuis {{ oldest_days_overdue }} jours.`,
      "{{ invoice_table }}",
      FR_TOTAL,
      FR_CHARGES,
      "Nous vous remercions de bien vouloir procéder au règlement dans les 7 jours, ou de nous indiquer quand nous pouvons l'attendre. Si l'une de ces factures pose problème, dites-le-nous et nous le réglerons ensemble.",
      PAYMENT,
      FR_SIGN,
    ]),
  },
  third: {
    en: fromParagraphs("Third reminder – {{ customer_name }} – {{ total_overdue }} overdue", [
      EN_GREETING,
      `We have already written to you twice about the following invoices, which remain unpaid. The oldest is now {{ oldest_days_overdue }} days past due.`,
      "{{ invoice_table }}",
      EN_TOTAL,
      EN_CHARGES,
      "Please settle the amount overdue within 7 days. If you cannot pay it in full, please contact us straight away so that we can agree a payment plan.",
      PAYMENT,
      EN_SIGN,
    ]),
    fr: fromParagraphs("Troisième rappel – {{ customer_name }} – {{ total_overdue }} en retard", [
      FR_GREETING,
      "Nous vous avons déjà écrit deux fois au sujet des factures ci-dessous, qui restent impayées. La plus ancienne est échue depuis {{ oldest_days_overdue }} jours.",
      "{{ invoice_table }}",
      FR_TOTAL,
      FR_CHARGES,
      "Nous vous demandons de régler le montant échu sous 7 jours. Si vous ne pouvez pas le régler en totalité, merci de nous contacter sans attendre afin de convenir d'un échéancier.",
      PAYMENT,
      FR_SIGN,
    ]),
  },
  final: {
    en: fromParagraphs("Final notice – {{ customer_name }} – {{ total_overdue }} overdue", [
      EN_GREETING,
      "Despite our previous reminders, the invoices below remain unpaid. The oldest is now {{ oldest_days_overdue }} days past due.",
      "{{ invoice_table }}",
      EN_TOTAL,
      EN_CHARGES,
      "Unless we receive payment of {{ total_overdue }} within 7 days of this notice, we will have to pass the matter to our collections process. We would much rather settle this with you directly, so please get in touch if anything is preventing payment.",
      PAYMENT,
      "Yours sincerely,\n{{ signature }}",
    ]),
    fr: fromParagraphs("Dernier avis avant recouvrement – {{ customer_name }} – {{ total_overdue }} en retard", [
      FR_GREETING,
      "Malgré nos précédents rappels, les factures ci-dessous restent impayées. La plus ancienne est échue depuis {{ oldest_days_overdue }} jours.",
      "{{ invoice_table }}",
      FR_TOTAL,
      FR_CHARGES,
      "Sans règlement de {{ total_overdue }} dans les 7 jours suivant le présent avis, nous serons contraints de transmettre ce dossier à notre service de recouvrement. Nous préférerions de loin trouver une solution avec vous : n'hésitez pas à nous contacter si un obstacle empêche le paiement.",
      PAYMENT,
      "Nous vous prions d'agréer nos salutations distinguées.\n{{ signature }}",
    ]),
  },
};
