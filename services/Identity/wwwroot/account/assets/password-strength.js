// The registration page's password hint: length, the common passwords the server refuses, and easy
// patterns, shown as four bars and a sentence while typing. A file, because the pages' Content
// Security Policy allows no inline script; the server's checks are the ones that decide.
(() => {
  const input = document.getElementById('password');
  const meter = document.getElementById('password-strength');
  if (!input || !meter) return;

  const text = meter.querySelector('.strength-text');
  const minLength = Number(meter.dataset.minLength) || 10;
  const common = new Set((meter.dataset.common || '').split('\n').filter(Boolean));
  const easyPatterns = [/^(.)\1+$/, /^\d+$/, /(.)\1{3,}/, /0123|1234|2345|3456|4567|5678|6789|abcd|qwer|asdf|zxcv/i];

  const assess = (password) => {
    if (password.length === 0) return { score: 0, message: '' };
    if (password.length < minLength) {
      const missing = minLength - password.length;
      return { score: 1, message: `Too short: ${missing} more character${missing === 1 ? '' : 's'}.` };
    }
    if (common.has(password.trim().toLowerCase())) {
      return { score: 1, message: 'One of the most common passwords: it would be refused.' };
    }

    const kinds = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9\s]/].filter((kind) => kind.test(password)).length;
    const words = password.trim().split(/\s+/).length;
    let score = password.length >= 20 ? 4 : password.length >= 14 ? 3 : 2;
    if (kinds >= 3 || words >= 3) score += 1;
    if (easyPatterns.some((pattern) => pattern.test(password))) score -= 1;
    score = Math.max(2, Math.min(4, score));
    const messages = {
      2: 'Acceptable, but easy to guess. Longer is stronger: try a few unrelated words.',
      3: 'Good.',
      4: 'Strong.',
    };
    return { score, message: messages[score] };
  };

  input.addEventListener('input', () => {
    const { score, message } = assess(input.value);
    meter.dataset.score = String(score);
    text.textContent = message;
  });
})();
