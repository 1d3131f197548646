/** Regex sources for things an injected instruction tries to reach: secret files, secret data, exfil sinks. */

const HOME = String.raw`(?:~|\$HOME|%USERPROFILE%|/root|/home/[\w.-]{1,32}|/Users/[\w.-]{1,32})`;
const DOT_DIRS = String.raw`(?:ssh|aws|gnupg|kube|docker|azure|cursor|config/gh)`;
const DOT_FILES = String.raw`(?:netrc|npmrc|pypirc|pgpass|git-credentials|bash_history|zsh_history)`;
/** `.env` (not `.env.example` and friends) and a bare `mcp.json`: apps and editors open these legitimately. */
export const ENV_FILE = String.raw`(?:(?<![\w.-])\.env\b(?!\.(?:example|sample|template|dist|defaults?)\b)|\bmcp\.json\b)`;

/** Files holding credentials or agent configuration (not `.env`, which apps legitimately load: see ENV_FILE). */
export const SENSITIVE_PATH = String.raw`(?:${HOME}/\.${DOT_DIRS}\b(?:/[\w.-]{1,40})?|(?<![\w.-])\.${DOT_DIRS}/[\w.-]{1,40}|\bid_(?:rsa|ed25519|ecdsa|dsa)\b|/etc/(?:passwd|shadow|sudoers)\b|(?:${HOME}/)?(?<![\w.-])\.${DOT_FILES}\b|\bcredentials\.json\b|\bwallet\.dat\b)`;

/** Data nobody legitimately ships to a tool argument or a third party. */
export const SENSITIVE_DATA = String.raw`(?:(?:conversation|chat|message)\s(?:history|log|transcript)|api[\s_-]keys?|access tokens?|passwords?|password hashes|credentials|private keys?|secret keys?|session tokens?|cookies|authorization headers?|env(?:ironment)? variables?|ssh keys?|system prompt|hidden instructions|output of \x60?(?:env|printenv|set)\b\x60?|\w{2,20}_TOKEN\b|\w{2,20}_SECRET\b)`;

/** Verbs that move data somewhere it should not go. */
export const MOVE_VERB = String.raw`(?:send|forward|leak|reveal|collect|exfiltrate|email|upload|transmit|paste|append|dump|include)`;
