#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# mk-test-ca.sh DIR: a throwaway signing chain for mss-fwgen --sign, made
# with OpenSSL at build time, shaped like the chains in real MSS images:
# root CA -> attestation CA -> attestation certificate (leaf), RSA-2048,
# sha256WithRSAEncryption.  The leaves carry the OU fields Qualcomm's
# legacy signature scheme takes SW_ID and HW_ID from; the SW_IDs are the
# ones qcom_mss_mdt.h names (MSS_MDT_SW_ID_MBA 1, MSS_MDT_SW_ID_MODEM 2;
# mss-fwgen refuses a leaf that disagrees).  NOT SECURE: test keys only.
#
# DIR/root.der, ca.der          root and attestation CA certificates
# DIR/attest-mba.der            leaf for MBA images (SW_ID 1)
# DIR/attest-modem.der          leaf for modem images (SW_ID 2)
# DIR/attest.key                the leaves' private key (PEM)

set -eu

DIR=${1:?usage: mk-test-ca.sh DIR}
rm -rf "$DIR.tmp"
mkdir -p "$DIR.tmp"
cd "$DIR.tmp"

for k in root ca attest; do
	openssl genpkey -quiet -algorithm RSA -pkeyopt rsa_keygen_bits:2048 \
		-out "$k.key"
done

cat > ext.cnf <<'EOF'
[req]
distinguished_name = dn
prompt = no
[dn]
[root]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[ca]
basicConstraints = critical, CA:TRUE, pathlen:0
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[leaf]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
EOF

openssl req -new -x509 -sha256 -days 36500 -set_serial 1 -key root.key \
	-subj '/CN=mss-fwgen Test Root CA - NOT SECURE' \
	-config ext.cnf -extensions root -outform DER -out root.der

issue() {	# issue KEY SUBJECT EXT ISSUER_CERT ISSUER_KEY SERIAL OUT
	openssl req -new -key "$1" -subj "$2" -config ext.cnf -out req.csr
	openssl x509 -req -sha256 -days 36500 -in req.csr -set_serial "$6" \
		-CA "$4" -CAform DER -CAkey "$5" -extfile ext.cnf \
		-extensions "$3" -outform DER -out "$7" 2>/dev/null
}

issue ca.key '/CN=mss-fwgen Test Attestation CA - NOT SECURE' ca \
	root.der root.key 2 ca.der
for img in mba:1 modem:2; do
	name=${img%:*}
	sw=${img#*:}
	issue attest.key "/CN=mss-fwgen Test $name - NOT SECURE/OU=01 $(printf '%016X' "$sw") SW_ID/OU=02 0000000000000000 HW_ID/OU=04 0000 OEM_ID/OU=06 0000 MODEL_ID/OU=07 0001 SHA256" \
		leaf ca.der ca.key "$((2 + sw))" "attest-$name.der"
done

rm -f req.csr root.key ca.key ext.cnf
cd - > /dev/null
rm -rf "$DIR"
mv "$DIR.tmp" "$DIR"
