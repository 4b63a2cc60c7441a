/**
 * What the customer wrote in a reply, without the history their client quoted under (or around) it: lines quoted
 * with ">", the "On ... wrote:" line that introduces them in the common languages (and everything after it when the
 * history below is not quoted), and everything from Outlook's
 * "-----Original Message-----" or its "From: / Sent: / To: / Subject:" block on. The raw message stays in the raw
 * store and the mail log; only the comment is cut.
 */

/** Attribution lines ("On <date>, <name> wrote:") as mail clients write them, one pattern per language. */
const ATTRIBUTION = [
  /^On\b.{4,300}\bwrote:$/i, // English (Gmail, Apple Mail, Thunderbird)
  /^Am\b.{4,300}\bschrieb\b.{0,200}:$/i, // German
  /^Le\b.{4,300}\ba écrit\s?:$/i, // French
  /^El\b.{4,300}\bescribió:$/i, // Spanish
  /^Il\b.{4,300}\bha scritto:$/i, // Italian
  /^Op\b.{4,300}\bschreef\b.{0,200}:$/i, // Dutch
  /^Em\b.{4,300}\bescreveu:$/i, // Portuguese
  /^(?:Den\b)?.{4,300}\bskrev\b.{0,200}:$/i, // Swedish, Danish, Norwegian
  /^W dniu\b.{4,300}\b(?:pisze|napisał(?:a|\(a\))?):$/i, // Polish
  /^.{4,300}\s(?:пишет|написал(?:а|\(а\))?):$/i, // Russian
  /^.{2,300}(?:写道|寫道)[:：]$/, // Chinese
  /^.{2,300}(?:のメッセージ|は書きました|さんは書きました)[:：]$/, // Japanese (Thunderbird, Outlook)
  /^\d{4}年\d{1,2}月\d{1,2}日.{0,20}\d{1,2}:\d{2}.{0,200}[:：]$/, // Japanese (Gmail: "2026年11月24日(火) 10:30 Name <address>:")
];

/** Lines after which everything is history: Outlook's separators, and the header block it quotes. */
const HISTORY_START = [
  /^-{2,}\s*(?:Original Message|Ursprüngliche Nachricht|Message d'origine|Mensaje original|Messaggio originale|Oorspronkelijk bericht|Mensagem original|Ursprungligt meddelande|Oprindelig meddelelse|Opprinnelig melding|Wiadomość oryginalna|Исходное сообщение)\s*-{2,}$/i,
  /^_{10,}$/,
];

/** The first line of a quoted header block ("From: x" with "Sent:"/"Date:" soon after). */
const QUOTED_HEADER = /^\*?(?:From|Von|De|Da|Van|Från|Fra|Od|От|差出人|发件人|寄件者)\s?\*?\s?[:：]/i;
const QUOTED_DATE = /^\*?(?:Sent|Date|Gesendet|Datum|Envoyé|Enviado|Inviato|Verzonden|Skickat|Sendt|Wysłano|Отправлено|送信日時|发送时间|日期)\s?\*?\s?[:：]/i;

/** A date or time is part of every attribution line; without a digit it is the customer's own sentence. */
const isAttribution = (line: string) => /\d/.test(line) && ATTRIBUTION.some((p) => p.test(line));

export const stripQuotedHistory = (text: string): string => {
  const lines = text.split('\n');
  const kept: string[] = [];
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i]!.trim();
    if (HISTORY_START.some((p) => p.test(line))) break;
    if (QUOTED_HEADER.test(line) && lines.slice(i + 1, i + 4).some((l) => QUOTED_DATE.test(l.trim()))) break;
    if (line.startsWith('>')) continue;
    // Gmail wraps a long attribution over two lines.
    const joined = `${line} ${lines[i + 1]?.trim() ?? ''}`;
    const attribution = isAttribution(line) ? 1 : /^(?:On|Am|Le|El|Il|Op|Em)\b/.test(line) && isAttribution(joined) ? 2 : 0;
    if (attribution > 0) {
      // Quoted with ">" (top, bottom or interleaved posting): drop the line, the quote goes line by line. Unquoted
      // (Yahoo, Outlook mobile): everything after it is history.
      const next = lines.slice(i + attribution).find((l) => l.trim() !== '');
      if (next !== undefined && !next.trim().startsWith('>')) break;
      i += attribution - 1;
      continue;
    }
    kept.push(lines[i]!);
  }
  const result = kept.join('\n').replace(/\n{3,}/g, '\n\n').trim();
  // A message that is nothing but quotes keeps its text: better the history than an empty comment.
  return result || text.trim();
};
