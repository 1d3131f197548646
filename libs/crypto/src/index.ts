export {
  API_KEY_PREFIX,
  API_KEY_RANDOM_LENGTH,
  apiKeyHints,
  generateApiKey,
  hashApiKey,
  isApiKeyFormat,
  maskApiKey,
} from './api-key';
export { SecretBox, SecretBoxError, deriveKey, generateMasterKey, parseMasterKey } from './secret-box';
