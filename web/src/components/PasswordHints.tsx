import { CheckCircleFilled, CloseCircleOutlined } from '@ant-design/icons';
import { useI18n, type MessageKey } from '../i18n';

/**
 * The password policy as live hints (≥10 characters, three of four character classes).
 * Only hints: the server decides and its answer is shown on the field.
 */
export function PasswordHints({ value }: { value: string | undefined }) {
  const { t } = useI18n();
  const text = value ?? '';
  const classes = [/[A-Z]/, /[a-z]/, /\d/, /[^A-Za-z0-9]/].filter((re) => re.test(text)).length;
  const checks: [MessageKey, boolean][] = [
    ['password.hintLength', text.length >= 10],
    ['password.hintClasses', classes >= 3],
  ];
  return (
    <ul className="password-hints" aria-live="polite">
      {checks.map(([key, ok]) => (
        <li key={key} className={ok ? 'ok' : ''}>
          {ok ? <CheckCircleFilled /> : <CloseCircleOutlined />} {t(key)}
        </li>
      ))}
    </ul>
  );
}
