/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * The texts of the KVKK notices (kiosk-kvkk.h). Changing a word here needs a
 * new version in kiosk-kvkk.h.
 */
#define G_LOG_DOMAIN "kiosk-kvkk"

#include "kiosk-kvkk.h"

/* KIOSK_KVKK_NOTICE_WALKIN */
const char kiosk_kvkk_walkin_notice[] =
  "KİŞİSEL VERİLERİN KORUNMASI HAKKINDA AYDINLATMA METNİ\n"
  "6698 sayılı Kişisel Verilerin Korunması Kanunu (KVKK) uyarınca, adınız ve telefon numaranız "
  "veri sorumlusu sıfatıyla salonumuz tarafından; sıraya alınmanız, sıranız geldiğinde size "
  "ulaşılması ve ziyaretinizin kaydı amaçlarıyla, hizmetin ifası ve açık rızanız hukuki "
  "sebeplerine dayanarak işlenir ve Salonity hizmet sağlayıcısının sunucularında saklanır. Bu "
  "ekranda başkalarının adı gösterilmez. Verileriniz bu amaçlar dışında kullanılmaz ve üçüncü "
  "kişilere pazarlama amacıyla aktarılmaz. KVKK'nın 11. maddesi kapsamında verilerinize erişme, "
  "düzeltilmesini veya silinmesini isteme ve rızanızı geri alma haklarına sahipsiniz; "
  "başvurularınızı salon resepsiyonuna iletebilirsiniz.\n\n"
  "PRIVACY NOTICE (PERSONAL DATA PROTECTION LAW No. 6698, KVKK)\n"
  "Under the Turkish Personal Data Protection Law, the salon, as data controller, processes your "
  "name and phone number to put you in the queue, reach you when it is your turn and record your "
  "visit, on the legal grounds of providing the service and your explicit consent; they are stored "
  "on the servers of Salonity, the salon's service provider. Nobody else's name is shown on this "
  "screen. Your data is not used for any other purpose and is not passed to third parties for "
  "marketing. Under Article 11 of the KVKK you may ask to see, correct or delete your data and "
  "withdraw your consent at any time; ask at the salon's front desk.";

/* KIOSK_KVKK_NOTICE_MEMBER */
const char kiosk_kvkk_member_notice[] =
  "KİŞİSEL VERİLERİN KORUNMASI HAKKINDA AYDINLATMA METNİ\n"
  "6698 sayılı Kişisel Verilerin Korunması Kanunu (KVKK) uyarınca, adınız, soyadınız ve telefon "
  "numaranız veri sorumlusu sıfatıyla salonumuz tarafından; sadakat programına üyeliğinizin "
  "yürütülmesi, randevu ve ziyaretlerinizin kaydı ile puanlarınızın hesaplanması amaçlarıyla, "
  "sözleşmenin ifası ve açık rızanız hukuki sebeplerine dayanarak işlenir ve Salonity hizmet "
  "sağlayıcısının sunucularında saklanır. Verileriniz bu amaçlar dışında kullanılmaz ve üçüncü "
  "kişilere pazarlama amacıyla aktarılmaz. KVKK'nın 11. maddesi kapsamında verilerinize erişme, "
  "düzeltilmesini veya silinmesini isteme ve rızanızı geri alma haklarına sahipsiniz; "
  "başvurularınızı salon resepsiyonuna iletebilirsiniz.\n\n"
  "PRIVACY NOTICE (PERSONAL DATA PROTECTION LAW No. 6698, KVKK)\n"
  "Under the Turkish Personal Data Protection Law, the salon, as data controller, processes your "
  "first name, last name and phone number to run your loyalty membership, record your appointments "
  "and visits and calculate your points, on the legal grounds of performing the membership and your "
  "explicit consent; they are stored on the servers of Salonity, the salon's service provider. Your "
  "data is not used for any other purpose and is not passed to third parties for marketing. Under "
  "Article 11 of the KVKK you may ask to see, correct or delete your data and withdraw your consent "
  "at any time; ask at the salon's front desk.";
