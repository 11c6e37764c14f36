import type { CheckResult } from '../model/check-result.js';
import { ASSERTIONS, assertionsCheck } from './assertions-check.js';
import { AVDRAG_SPLIT, AVDRAG_SUM, avdragSplitCheck, avdragSumCheck } from './avdrag-amount-rules.js';
import {
  AVDRAG_FAKTURANUMMER,
  AVDRAG_KID,
  avdragFakturanummerCheck,
  avdragKidCheck,
} from './avdrag-identifier-rules.js';
import {
  AVDRAG_COUNT,
  AVDRAG_FORFALLSDATOER,
  AVDRAG_NUMMER,
  avdragCountCheck,
  avdragForfallsdatoCheck,
  avdragNummerCheck,
} from './avdrag-schedule-rules.js';
import { DATO_FOR_SEN_GRENSE, datoForSenCheck } from './betalingsutsettelse-denial-rules.js';
import {
  FAKTURA_ETTER_UTSETTELSE,
  fakturaEtterUtsettelseCheck,
  MAA_ENDRES_I_BANK,
  maaEndresIBankCheck,
  NY_FORFALLSDATO,
  nyForfallsdatoCheck,
  RENTE_FRA_DATO,
  renteFraDatoCheck,
} from './betalingsutsettelse-grant-rules.js';
import {
  BURST_CORRELATION,
  BURST_DEADLINE,
  burstCorrelationCheck,
  burstDeadlineCheck,
} from './burst-checks.js';
import type { CaseUnderJudgement, CheckDefinition, StepUnderJudgement } from './check-definition.js';
import {
  SENDER,
  SINGLE_ANSWER,
  SVAR_PA_MELDING,
  senderCheck,
  singleAnswerCheck,
  svarPaMeldingCheck,
} from './correlation-checks.js';
import { DEADLINE, deadlineCheck } from './deadline-check.js';
import { ECHO_FORESPORSEL_ID, echoForesporselIdCheck } from './echo-check.js';
import {
  ASICE_SIGNER,
  ASICE_VALID,
  asiceValidCheck,
  DECRYPTS,
  decryptsCheck,
  signerCheck,
} from './envelope-checks.js';
import { CORRELATION_ID, correlationIdCheck, FEILMELDING, feilmeldingCheck } from './error-reply-checks.js';
import { FOLLOW_UP, followUpCheck } from './follow-up-check.js';
import { IKKEFUNNET_WORDING, ikkefunnetWordingCheck } from './ikkefunnet-wording-check.js';
import { KID_MOD10, kidMod10Check } from './kid-check.js';
import { KODEBESKRIVELSE, kodebeskrivelseCheck } from './kodebeskrivelse-check.js';
import {
  FORVENTET_SVAR_INNEN,
  forventetSvarInnenCheck,
  SAME_HENVENDELSE,
  sameHenvendelseCheck,
} from './kommentar-rules.js';
import { PAYLOAD_FILE_NAME, payloadFileNameCheck } from './payload-file-name-check.js';
import { REPEAT_SAME_ANSWER, repeatSameAnswerCheck } from './repeat-answer-check.js';
import { TYPE_ALLOWED, TYPE_EXPECTED, typeAllowedCheck, typeExpectedCheck } from './reply-type-checks.js';
import { PAYLOAD_SCHEMA, STRICT_OVERLAY, schemaCheck, strictOverlayCheck } from './schema-checks.js';

/** A check run once per step. */
export interface StepCheck {
  readonly definition: CheckDefinition;
  readonly judge: (judged: StepUnderJudgement) => CheckResult[];
}

/** A check run once per attempt, over all its steps. */
export interface CaseCheck {
  readonly definition: CheckDefinition;
  readonly judge: (judged: CaseUnderJudgement) => CheckResult[];
}

/** Every step check, in the order results are reported: transport first, then content, then the case's own. */
export const STEP_CHECKS: readonly StepCheck[] = [
  { definition: DEADLINE, judge: deadlineCheck },
  { definition: SVAR_PA_MELDING, judge: svarPaMeldingCheck },
  { definition: SENDER, judge: senderCheck },
  { definition: SINGLE_ANSWER, judge: singleAnswerCheck },
  { definition: BURST_CORRELATION, judge: burstCorrelationCheck },
  { definition: BURST_DEADLINE, judge: burstDeadlineCheck },
  { definition: TYPE_ALLOWED, judge: typeAllowedCheck },
  { definition: TYPE_EXPECTED, judge: typeExpectedCheck },
  { definition: DECRYPTS, judge: decryptsCheck },
  { definition: ASICE_VALID, judge: asiceValidCheck },
  { definition: ASICE_SIGNER, judge: signerCheck },
  { definition: PAYLOAD_FILE_NAME, judge: payloadFileNameCheck },
  { definition: PAYLOAD_SCHEMA, judge: schemaCheck },
  { definition: STRICT_OVERLAY, judge: strictOverlayCheck },
  { definition: ECHO_FORESPORSEL_ID, judge: echoForesporselIdCheck },
  { definition: KODEBESKRIVELSE, judge: kodebeskrivelseCheck },
  { definition: KID_MOD10, judge: kidMod10Check },
  { definition: FEILMELDING, judge: feilmeldingCheck },
  { definition: CORRELATION_ID, judge: correlationIdCheck },
  { definition: REPEAT_SAME_ANSWER, judge: repeatSameAnswerCheck },
  { definition: NY_FORFALLSDATO, judge: nyForfallsdatoCheck },
  { definition: RENTE_FRA_DATO, judge: renteFraDatoCheck },
  { definition: FAKTURA_ETTER_UTSETTELSE, judge: fakturaEtterUtsettelseCheck },
  { definition: MAA_ENDRES_I_BANK, judge: maaEndresIBankCheck },
  { definition: DATO_FOR_SEN_GRENSE, judge: datoForSenCheck },
  { definition: AVDRAG_COUNT, judge: avdragCountCheck },
  { definition: AVDRAG_NUMMER, judge: avdragNummerCheck },
  { definition: AVDRAG_FORFALLSDATOER, judge: avdragForfallsdatoCheck },
  { definition: AVDRAG_SUM, judge: avdragSumCheck },
  { definition: AVDRAG_SPLIT, judge: avdragSplitCheck },
  { definition: AVDRAG_FAKTURANUMMER, judge: avdragFakturanummerCheck },
  { definition: AVDRAG_KID, judge: avdragKidCheck },
  { definition: FORVENTET_SVAR_INNEN, judge: forventetSvarInnenCheck },
  { definition: SAME_HENVENDELSE, judge: sameHenvendelseCheck },
  { definition: ASSERTIONS, judge: assertionsCheck },
];

/** Every case-level check. */
export const CASE_CHECKS: readonly CaseCheck[] = [
  { definition: IKKEFUNNET_WORDING, judge: ikkefunnetWordingCheck },
  { definition: FOLLOW_UP, judge: followUpCheck },
];
