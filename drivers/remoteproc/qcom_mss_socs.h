/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The one table of Qualcomm MSS SoCs.  Everything that lists them takes
 * the list from here: the driver's of_device_id table and descriptors,
 * the DT validator (scripts/mss-dtcheck), the simulated modem's flavours
 * and the scripts that look for MSS nodes (which read the lines below,
 * so keep one entry a line).
 *
 *   MSS_SOC(compatible, soc, protected, mba_image)
 *     compatible  DT compatible the driver binds
 *     soc         SoC name: descriptor soc##_mss, simulator flavour
 *     protected   TrustZone moves ownership of the MBA, MPSS and metadata
 *                 memory to the modem (the driver's need_mem_protection)
 *     mba_image   default MBA firmware name (the DT's firmware-name[0])
 *
 * A consumer defines MSS_SOC(), includes this file and undefines it.  The
 * modem image defaults to "modem.mdt" everywhere (firmware-name[1]).
 * "qcom,q6v5-pil" is msm8916's deprecated compatible, with its values.
 */
MSS_SOC("qcom,q6v5-pil", msm8916, 0, "mba.mbn")
MSS_SOC("qcom,mdm9607-mss-pil", mdm9607, 0, "mba.mbn")
MSS_SOC("qcom,msm8226-mss-pil", msm8226, 0, "mba.b00")
MSS_SOC("qcom,msm8909-mss-pil", msm8909, 0, "mba.mbn")
MSS_SOC("qcom,msm8916-mss-pil", msm8916, 0, "mba.mbn")
MSS_SOC("qcom,msm8917-mss-pil", msm8917, 0, "mba.mbn")
MSS_SOC("qcom,msm8926-mss-pil", msm8926, 0, "mba.b00")
MSS_SOC("qcom,msm8937-mss-pil", msm8937, 0, "mba.mbn")
MSS_SOC("qcom,msm8940-mss-pil", msm8940, 0, "mba.mbn")
MSS_SOC("qcom,msm8953-mss-pil", msm8953, 0, "mba.mbn")
MSS_SOC("qcom,msm8974-mss-pil", msm8974, 0, "mba.b00")
MSS_SOC("qcom,msm8996-mss-pil", msm8996, 1, "mba.mbn")
MSS_SOC("qcom,msm8998-mss-pil", msm8998, 1, "mba.mbn")
MSS_SOC("qcom,sc7180-mss-pil", sc7180, 1, "mba.mbn")
MSS_SOC("qcom,sc7280-mss-pil", sc7280, 1, "mba.mbn")
MSS_SOC("qcom,sdm660-mss-pil", sdm660, 1, "mba.mbn")
MSS_SOC("qcom,sdm845-mss-pil", sdm845, 1, "mba.mbn")
