namespace Skupper.Plugins.System.GenerateBundle;

/// <summary>
/// The bundle's <c>install.sh</c>, after internal/nonkube/bundle/install.sh.template: copies the site into the data home
/// (<c>SKUPPER_DATA_HOME</c>, else <c>/var/lib/skupper</c> for root, else <c>$XDG_DATA_HOME/skupper</c>), fills in a new site
/// id and the paths, creates the router container on Podman and Docker, and installs the systemd unit where systemd runs;
/// <c>-x</c> removes the site again. The self-extracting bundle starts with it (self_extract.sh.template), the tarball holds it.
/// </summary>
internal static class InstallScript
{
    /// <summary>What ends the script and starts the archive in a self-extracting bundle (common.go, scriptExit and shellDelim).</summary>
    public const string Delimiter = "\nexit 0\n\n__TARBALL_CONTENT__\n";

    private const string SelfExtract = """
        # Self extract
        TAR_CONTENT_START=$(awk '/^__TARBALL_CONTENT__$/ {print NR+1; exit 0;}' "$0")
        TMP_DIR=$(mktemp -d /tmp/skupper-bundle.XXXXX)
        CUR_DIR=$(pwd)

        cleanup() {
          [ -d "${TMP_DIR}" ] && rm -rf "${TMP_DIR}"
          cd "${CUR_DIR}"
        }

        trap cleanup EXIT
        tail -n+"${TAR_CONTENT_START}" "$0" | tar zxf - -C "${TMP_DIR}"
        cd "${TMP_DIR}"
        """;

    private const string Template = """
        #!/bin/sh

        set -Ceu

        @SELF_EXTRACT@

        # Skupper site bundle: installation and removal
        SITE_NAME="@SITE_NAME@"
        NAMESPACE="@NAMESPACE@"
        SKUPPER_PLATFORM="@PLATFORM@"
        VERSION="@VERSION@"
        REMOVE=false

        if [ -n "${SKUPPER_DATA_HOME:-}" ]; then
            SKUPPER_OUTPUT_PATH="${SKUPPER_DATA_HOME}"
        elif [ "$(id -u)" -eq 0 ]; then
            SKUPPER_OUTPUT_PATH="/var/lib/skupper"
        else
            SKUPPER_OUTPUT_PATH="${XDG_DATA_HOME:-${HOME}/.local/share}/skupper"
        fi
        if [ "$(id -u)" -eq 0 ]; then
            SERVICE_DIR="/etc/systemd/system"
            SYSTEMCTL="systemctl"
        else
            SERVICE_DIR="${XDG_CONFIG_HOME:-${HOME}/.config}/systemd/user"
            SYSTEMCTL="systemctl --user"
        fi
        NAMESPACES_PATH="${SKUPPER_OUTPUT_PATH}/namespaces"
        TARGET="${NAMESPACES_PATH}/${NAMESPACE}"
        SERVICE="skupper-${NAMESPACE}.service"
        RUNAS="$(id -u):$(id -g)"
        [ "${SKUPPER_PLATFORM}" = "docker" ] && RUNAS="0:0"

        usage() {
            echo "Usage: $0 [-x]" >&2
            echo "    Installs site \"${SITE_NAME}\" in namespace \"${NAMESPACE}\" of ${NAMESPACES_PATH} on ${SKUPPER_PLATFORM}" >&2
            echo "    -x    remove the site installed from this bundle" >&2
            exit 1
        }

        while getopts "xh" opt; do
            case "${opt}" in
                x) REMOVE=true ;;
                *) usage ;;
            esac
        done

        remove_site() {
            if [ ! -d "${TARGET}/runtime/resources" ]; then
                echo "Namespace \"${NAMESPACE}\" is not initialized"
                exit 0
            fi
            echo "Removing Skupper site definition for ${SITE_NAME} from namespace ${NAMESPACE}"
            if [ "${SKUPPER_PLATFORM}" != "linux" ]; then
                "${SKUPPER_PLATFORM}" rm -f "${NAMESPACE}-skupper-router"
            fi
            if ${SYSTEMCTL} list-units > /dev/null 2>&1; then
                ${SYSTEMCTL} disable --now "${SERVICE}" || true
                rm -f "${SERVICE_DIR:?}/${SERVICE}"
                ${SYSTEMCTL} daemon-reload
            fi
            rm -rf "${TARGET:?}"
        }

        create_service() {
            unit="${TARGET}/internal/scripts/skupper.service.container"
            [ "${SKUPPER_PLATFORM}" = "linux" ] && unit="${TARGET}/internal/scripts/skupper.service.linux"
            if ! ${SYSTEMCTL} list-units > /dev/null 2>&1; then
                echo "systemd is not running here: the unit ${SERVICE} is at ${unit} but not installed, so the site will not start at boot"
                return 0
            fi
            mkdir -p "${SERVICE_DIR}"
            cp "${unit}" "${SERVICE_DIR}/${SERVICE}"
            ${SYSTEMCTL} enable --now "${SERVICE}"
            ${SYSTEMCTL} daemon-reload
        }

        create_site() {
            if [ -d "${TARGET}/runtime" ]; then
                echo "Failed: namespace \"${NAMESPACE}\" is already defined"
                echo "Location: ${TARGET}"
                exit 1
            fi
            if [ -d "${TARGET}/input/resources" ]; then
                echo "Failed: namespace \"${NAMESPACE}\" already contains input resources"
                echo "Location: ${TARGET}/input/resources"
                exit 1
            fi
            echo "Skupper site bundle installation"
            echo "Namespace : ${NAMESPACE}"
            echo "Site name : ${SITE_NAME}"
            echo "Platform  : ${SKUPPER_PLATFORM}"
            echo "Definition: ${TARGET}/input/resources"
            echo "Version   : ${VERSION}"
            site_id=$(cat /proc/sys/kernel/random/uuid 2> /dev/null || echo "$(hostname)-$(date +%s)-$$")
            mkdir -p "${TARGET}"
            cp -R -p "./${NAMESPACE}"/* "${TARGET}/"
            echo "platform: ${SKUPPER_PLATFORM}" >| "${TARGET}/internal/platform.yaml"
            grep -rl '{{[.]' "${TARGET}" | while read -r file; do
                sed -i -e "s#{{[.]SiteId}}#${site_id}#g" -e "s#{{[.]NamespacesPath}}#${NAMESPACES_PATH}#g" \
                    -e "s#{{[.]ContainerEngine}}#${SKUPPER_PLATFORM}#g" -e "s#{{[.]RunAs}}#${RUNAS}#g" "${file}"
            done
            if [ -n "$(ls "${TARGET}/runtime/links" 2> /dev/null)" ]; then
                echo "Static links have been defined at: ${TARGET}/runtime/links"
            fi
            if [ "${SKUPPER_PLATFORM}" != "linux" ]; then
                "${TARGET}/internal/scripts/containers_create.sh"
            fi
            create_service
            echo "Site \"${SITE_NAME}\" is now running on namespace \"${NAMESPACE}\""
        }

        if ${REMOVE}; then
            remove_site
        else
            create_site
        fi

        """;

    public static string Render(string site, string @namespace, string platform, string version, bool selfExtracting) =>
        Template.Replace("@SELF_EXTRACT@", selfExtracting ? SelfExtract : "", StringComparison.Ordinal)
            .Replace("@SITE_NAME@", site, StringComparison.Ordinal).Replace("@NAMESPACE@", @namespace, StringComparison.Ordinal)
            .Replace("@PLATFORM@", platform, StringComparison.Ordinal).Replace("@VERSION@", version, StringComparison.Ordinal);
}
