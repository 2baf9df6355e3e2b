import type { CiamAuthErrorCode } from '../../../catalog/ciam-auth-code-defaults.js';

// Korean (ko) end-user texts of the authentication API's `error` values. Hidden values (the
// operator's to fix) get the generic text of their status, as clients receive it.
export const KO_AUTH_TEXTS: Readonly<Record<CiamAuthErrorCode, string>> = {
  invalid_request:
    '필수 정보가 빠져 있거나 올바르지 않은 정보가 있습니다. 확인 후 다시 시도해 주세요.',
  invalid_client: '시스템에 문제가 발생했습니다. 잠시 후 다시 시도해 주세요.',
  invalid_grant: '로그인 정보가 올바르지 않거나 만료되었습니다. 다시 로그인해 주세요.',
  unauthorized_client: '시스템에 문제가 발생했습니다. 잠시 후 다시 시도해 주세요.',
  unsupported_grant_type: '시스템에 문제가 발생했습니다. 잠시 후 다시 시도해 주세요.',
  invalid_scope: '시스템에 문제가 발생했습니다. 잠시 후 다시 시도해 주세요.',
  invalid_auth_source: '시스템에 문제가 발생했습니다. 잠시 후 다시 시도해 주세요.',
  invalid_token: '로그인이 만료되었습니다. 다시 로그인해 주세요.',
  insufficient_scope:
    '이 작업을 할 권한이 없습니다. 잘못되었다고 생각되면 고객센터에 문의해 주세요.',
  user_not_found: '계정을 찾을 수 없습니다. 입력한 정보를 확인한 후 다시 시도해 주세요.',
  abnormal_user_status: '이용이 정지되었거나 잠겨 있는 계정입니다. 고객센터에 문의해 주세요.',
  malformed_phone_number: '휴대폰 번호 형식이 올바르지 않습니다. 확인 후 다시 시도해 주세요.',
  duplicate_phone_number:
    '다른 계정에서 이미 사용 중인 휴대폰 번호입니다. 다른 휴대폰 번호를 입력해 주세요.',
  bad_phone_number_otp_token:
    '휴대폰으로 받은 인증번호는 더 이상 사용할 수 없습니다. 인증번호를 다시 요청해 주세요.',
  bad_phone_number_otp:
    '휴대폰으로 받은 인증번호가 올바르지 않거나 유효 기간이 지났습니다. 다시 입력하거나 인증번호를 다시 요청해 주세요.',
  malformed_email: '이메일 주소 형식이 올바르지 않습니다. 확인 후 다시 시도해 주세요.',
  duplicate_email:
    '다른 계정에서 이미 사용 중인 이메일 주소입니다. 다른 이메일 주소를 입력해 주세요.',
  bad_email_otp_token:
    '이메일로 받은 인증번호는 더 이상 사용할 수 없습니다. 인증번호를 다시 요청해 주세요.',
  bad_email_otp:
    '이메일로 받은 인증번호가 올바르지 않거나 유효 기간이 지났습니다. 다시 입력하거나 인증번호를 다시 요청해 주세요.',
  illegal_parameter_value:
    '프로필 정보 중 올바르지 않은 값이 있습니다. 확인 후 다시 시도해 주세요.',
  wrong_old_password: '현재 비밀번호가 올바르지 않습니다. 다시 입력해 주세요.',
  duplicate_password: '새 비밀번호가 현재 비밀번호와 같습니다. 다른 비밀번호를 입력해 주세요.',
  recurrent_password: '최근에 사용한 비밀번호입니다. 다른 비밀번호를 입력해 주세요.',
  invalid_new_password:
    '새 비밀번호가 비밀번호 규칙에 맞지 않습니다. 규칙에 맞는 비밀번호를 입력해 주세요.',
  invalid_email:
    '이 이메일 주소로 인증번호를 보낼 수 없습니다. 이메일 주소를 확인하거나 다른 이메일 주소를 사용해 주세요.',
  email_is_used: '이미 사용 중인 이메일 주소입니다. 다른 이메일 주소를 사용하거나 로그인해 주세요.',
  phone_number_is_used:
    '이미 사용 중인 휴대폰 번호입니다. 다른 휴대폰 번호를 사용하거나 로그인해 주세요.',
  insufficient_sms_quota: '시스템에 문제가 발생했습니다. 잠시 후 다시 시도해 주세요.',
  insufficient_email_quota: '시스템에 문제가 발생했습니다. 잠시 후 다시 시도해 주세요.',
  sms_rate_limit_exceeded:
    '이 휴대폰 번호로 인증번호가 너무 많이 발송되었습니다. 1분 후에 다시 시도해 주세요.',
  temporarily_unavailable: '일시적으로 서비스를 이용할 수 없습니다. 잠시 후 다시 시도해 주세요.',
  server_error: '지금은 요청을 처리할 수 없습니다. 잠시 후 다시 시도해 주세요.',
  access_denied: '접근이 거부되었습니다. 잘못되었다고 생각되면 고객센터에 문의해 주세요.',
};
