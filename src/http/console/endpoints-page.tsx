// Partners, screens and stations with their last contact and health (admins and reporting officers).
import { formatDateTime } from "./format.ts";
import { Page } from "./layout.tsx";
import type { ConsoleContext } from "./session.ts";

type PartnerRow = { id: string; name: string; areas: string[]; languages: string[]; disabled: boolean; lastSeenAt: Date | null };
type ScreenRow = {
  id: string;
  name: string;
  gateCode: string;
  width: number;
  height: number;
  disabled: boolean;
  health: { lastSeenAt: string | null; upToDate: boolean; silentTooLong: boolean; lastFault: string | null };
};
type StationRow = { id: string; name: string; areaCode: string; languages: string[]; disabled: boolean; lastSeenAt?: Date | null };

export const EndpointsPage = (props: { console: ConsoleContext; partners: PartnerRow[]; screens: ScreenRow[]; stations: StationRow[] }) => {
  const { t } = props.console;
  const yesNo = (value: boolean) => (value ? t("endpoints.yes") : t("endpoints.no"));
  const contact = (value: Date | string | null | undefined) => (value ? formatDateTime(value) : t("endpoints.never"));
  return (
    <Page console={props.console} title={t("nav.endpoints")} current="/endpoints">
      <section aria-labelledby="partners">
        <h2 id="partners">{t("endpoints.partners")}</h2>
        <table>
          <thead>
            <tr>
              <th scope="col">{t("endpoints.name")}</th>
              <th scope="col">{t("list.areas")}</th>
              <th scope="col">{t("list.languages")}</th>
              <th scope="col">{t("endpoints.lastContact")}</th>
            </tr>
          </thead>
          <tbody>
            {props.partners.map((partner) => (
              <tr>
                <td>
                  {partner.name} {partner.disabled && <span class="badge">{t("endpoints.disabled")}</span>}
                </td>
                <td>{partner.areas.join(", ")}</td>
                <td>{partner.languages.join(", ")}</td>
                <td>{contact(partner.lastSeenAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section aria-labelledby="screens">
        <h2 id="screens">{t("endpoints.screens")}</h2>
        <table>
          <thead>
            <tr>
              <th scope="col">{t("endpoints.name")}</th>
              <th scope="col">{t("endpoints.gate")}</th>
              <th scope="col">{t("endpoints.lastContact")}</th>
              <th scope="col">{t("endpoints.upToDate")}</th>
              <th scope="col">{t("endpoints.silent")}</th>
              <th scope="col">{t("endpoints.fault")}</th>
            </tr>
          </thead>
          <tbody>
            {props.screens.map((screen) => (
              <tr class={screen.health.silentTooLong ? "silent" : undefined}>
                <td>
                  {screen.name} <small>{`${screen.width}×${screen.height}`}</small> {screen.disabled && <span class="badge">{t("endpoints.disabled")}</span>}
                </td>
                <td>{screen.gateCode}</td>
                <td>{contact(screen.health.lastSeenAt)}</td>
                <td>{yesNo(screen.health.upToDate)}</td>
                <td>{screen.health.silentTooLong ? <strong>{t("endpoints.silent")}</strong> : t("endpoints.no")}</td>
                <td>{screen.health.lastFault ?? ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section aria-labelledby="stations">
        <h2 id="stations">{t("endpoints.stations")}</h2>
        <table>
          <thead>
            <tr>
              <th scope="col">{t("endpoints.name")}</th>
              <th scope="col">{t("endpoints.area")}</th>
              <th scope="col">{t("list.languages")}</th>
            </tr>
          </thead>
          <tbody>
            {props.stations.map((station) => (
              <tr>
                <td>
                  {station.name} {station.disabled && <span class="badge">{t("endpoints.disabled")}</span>}
                </td>
                <td>{station.areaCode}</td>
                <td>{station.languages.join(", ")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </Page>
  );
};
